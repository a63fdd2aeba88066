#include "project/ProjectTemplates.h"

namespace mltf::project {

namespace {

Parameter parameter(const QString &name, const QString &type, const QString &defaultValue)
{
    Parameter p;
    p.name = name;
    p.type = type;
    p.hasDefault = true;
    p.defaultValue = defaultValue;
    return p;
}

const char *blankScript = R"(import mlflow


def main():
    with mlflow.start_run():
        mlflow.log_param("example", 1)
        mlflow.log_metric("score", 0.0)


if __name__ == "__main__":
    main()
)";

const char *pytorchScript = R"(import argparse

import mlflow
import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    with mlflow.start_run(log_system_metrics=True):
        mlflow.log_params(vars(args))
        mlflow.log_param("device", device)
        for epoch in range(args.epochs):
            loss = 1.0 / (epoch + 1)  # replace with the training loop
            mlflow.log_metric("loss", loss, step=epoch)


if __name__ == "__main__":
    main()
)";

const char *sklearnScript = R"(import argparse

import mlflow
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--alpha", type=float, default=0.5)
    parser.add_argument("--l1-ratio", type=float, default=0.1)
    args = parser.parse_args()

    x, y = load_diabetes(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(x, y, random_state=42)
    with mlflow.start_run(log_system_metrics=True):
        model = ElasticNet(alpha=args.alpha, l1_ratio=args.l1_ratio).fit(x_train, y_train)
        mlflow.log_params({"alpha": args.alpha, "l1_ratio": args.l1_ratio})
        mlflow.log_metric("mse", mean_squared_error(y_test, model.predict(x_test)))
        mlflow.sklearn.log_model(model, "model")


if __name__ == "__main__":
    main()
)";

} // namespace

ProjectTemplateContent ProjectTemplates::make(Project::Template kind, const QString &name)
{
    ProjectTemplateContent c;
    c.mlProject.name = name;
    c.mlProject.envKind = MLProject::EnvKind::Python;
    c.mlProject.envFile = QStringLiteral("python_env.yaml");
    c.pythonEnv.python = QStringLiteral("3.10");
    c.pythonEnv.dependencies = {QStringLiteral("mlflow"), QStringLiteral("psutil")};
    EntryPoint main;
    main.name = QStringLiteral("main");

    switch (kind) {
    case Project::Template::Blank:
        main.command = QStringLiteral("python main.py");
        c.extraFiles.insert(QStringLiteral("main.py"), blankScript);
        break;
    case Project::Template::PyTorchGpu: {
        main.parameters = {parameter(QStringLiteral("epochs"), QStringLiteral("int"), QStringLiteral("10")),
                           parameter(QStringLiteral("lr"), QStringLiteral("float"), QStringLiteral("0.001")),
                           parameter(QStringLiteral("batch_size"), QStringLiteral("int"), QStringLiteral("64"))};
        main.command = QStringLiteral("python train.py --epochs {epochs} --lr {lr} --batch-size {batch_size}");
        c.pythonEnv.dependencies << QStringLiteral("pynvml") << QStringLiteral("torch")
                                 << QStringLiteral("torchvision");
        SlurmConfig slurm;
        slurm.gres = QStringLiteral("gpu:1");
        slurm.mem = QStringLiteral("16G");
        slurm.time = QStringLiteral("4:00:00");
        slurm.nodes = QStringLiteral("1");
        slurm.ntasks = QStringLiteral("1");
        c.slurmConfig = slurm;
        GatewayConfig gateway;
        gateway.nodes = QStringLiteral("1");
        gateway.cpusPerTask = QStringLiteral("1");
        gateway.mem = QStringLiteral("8192");
        gateway.time = QStringLiteral("3600");
        gateway.partition = QStringLiteral("batch_gpu");
        gateway.gres = QStringLiteral("gpu:nvidia_rtx_a6000:1");
        c.gatewayConfig = gateway;
        c.extraFiles.insert(QStringLiteral("train.py"), pytorchScript);
        break;
    }
    case Project::Template::ScikitLearn:
        main.parameters = {parameter(QStringLiteral("alpha"), QStringLiteral("float"), QStringLiteral("0.5")),
                           parameter(QStringLiteral("l1_ratio"), QStringLiteral("float"), QStringLiteral("0.1"))};
        main.command = QStringLiteral("python train.py --alpha {alpha} --l1-ratio {l1_ratio}");
        c.pythonEnv.dependencies << QStringLiteral("scikit-learn") << QStringLiteral("pandas");
        c.extraFiles.insert(QStringLiteral("train.py"), sklearnScript);
        break;
    }
    c.mlProject.entryPoints = {main};
    return c;
}

} // namespace mltf::project
