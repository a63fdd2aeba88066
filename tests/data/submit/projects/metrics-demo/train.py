"""Logs a falling loss to the MLflow tracking server over REST, as a training script would.

Uses only the standard library (no mlflow package on the test machine). Reads MLFLOW_TRACKING_URI,
MLFLOW_RUN_ID and MLFLOW_TRACKING_TOKEN like the MLflow client does.
"""
import argparse
import json
import os
import sys
import time
import urllib.request


def log_batch(uri, run_id, token, metrics):
    body = json.dumps({"run_id": run_id, "metrics": metrics}).encode()
    request = urllib.request.Request(uri.rstrip("/") + "/api/2.0/mlflow/runs/log-batch", data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--sleep", type=float, default=0.2)
    parser.add_argument("--exit-code", type=int, default=0)
    args = parser.parse_args()

    uri = os.environ["MLFLOW_TRACKING_URI"]
    run_id = os.environ["MLFLOW_RUN_ID"]
    token = os.environ.get("MLFLOW_TRACKING_TOKEN", "")
    print("training run %s for %d steps (token %s)" % (run_id, args.steps, "set" if token else "not set"),
          flush=True)
    for step in range(args.steps):
        loss = 1.0 / (step + 1)
        log_batch(uri, run_id, token, [{"key": "loss", "value": loss, "timestamp": int(time.time() * 1000),
                                        "step": step}])
        print("step %d loss %.4f" % (step, loss), flush=True)
        time.sleep(args.sleep)
    if args.exit_code:
        print("giving up with exit code %d" % args.exit_code, file=sys.stderr, flush=True)
    return args.exit_code


if __name__ == "__main__":
    sys.exit(main())
