#include "project/Packer.h"
#include "util/Settings.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using mltf::project::PackedFile;
using mltf::project::Packer;
using mltf::project::PackPlan;
using mltf::project::PackProblem;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(content);
}

QStringList paths(const PackPlan &plan)
{
    QStringList out;
    for (const PackedFile &f : plan.files)
        out << f.path;
    return out;
}

const PackProblem *findProblem(const PackPlan &plan, const QString &path)
{
    for (const PackProblem &p : plan.problems) {
        if (p.path == path)
            return &p;
    }
    return nullptr;
}

// Runs tar and returns its standard output, or fails the test.
QString runTar(const QStringList &arguments)
{
    QProcess tar;
    tar.start(QStringLiteral("tar"), arguments);
    if (!tar.waitForFinished(30000) || tar.exitCode() != 0) {
        qWarning() << "tar failed:" << tar.readAllStandardError();
        return QStringLiteral("<tar failed>");
    }
    return QString::fromUtf8(tar.readAllStandardOutput());
}

// Root reads every file whatever its mode: drop to "nobody" while scanning to see what a user sees.
class UnprivilegedScope
{
public:
    UnprivilegedScope()
    {
        if (::geteuid() == 0)
            m_active = ::seteuid(65534) == 0;
    }
    ~UnprivilegedScope()
    {
        if (m_active && ::seteuid(0) != 0)
            qFatal("cannot return to root");
    }

private:
    bool m_active = false;
};

} // namespace

class TestPacker : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_outside;

    // A project tree with every case the packer must get right.
    void makeProject(const QString &root)
    {
        writeFile(root + "/MLproject", "name: demo\nentry_points:\n  main:\n    command: python train.py\n");
        writeFile(root + "/train.py", "print('hi')\n");
        QFile::setPermissions(root + "/train.py", QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                      | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                                                      | QFileDevice::ReadOther);
        writeFile(root + "/weights.bin", QByteArray(5000, 'w'));
        writeFile(root + "/.gitignore", "*.log\n/build/\ndata/*\n!data/keep.csv\n**/cache\n# comment\n");
        writeFile(root + "/.mltfignore", "checkpoints/\n");
        writeFile(root + "/app.log", "log");
        writeFile(root + "/build/out.o", "o");
        writeFile(root + "/sub/build/kept.txt", "anchored /build only applies at the root");
        writeFile(root + "/data/a.csv", "a");
        writeFile(root + "/data/keep.csv", "k");
        writeFile(root + "/a/b/cache/x", "x");
        writeFile(root + "/sub/.gitignore", "secret.txt\n!app.log\n");
        writeFile(root + "/sub/secret.txt", "s");
        writeFile(root + "/sub/app.log", "re-included by the nested .gitignore");
        writeFile(root + "/.git/config", "[core]\n");
        writeFile(root + "/__pycache__/x.pyc", "c");
        writeFile(root + "/pkg/__pycache__/y.pyc", "c");
        writeFile(root + "/pkg/mod.py", "m");
        writeFile(root + "/mlruns/0/meta.yaml", "m");
        writeFile(root + "/sub/mlruns/kept.txt", "only the top-level mlruns is excluded");
        writeFile(root + "/venv/bin/python", "p");
        writeFile(root + "/env2/pyvenv.cfg", "home = /usr\n");
        writeFile(root + "/env2/lib/site.py", "s");
        writeFile(root + "/checkpoints/model.pt", QByteArray(100, 'm'));
        writeFile(root + "/dir with space/ünïcode.txt", "u");
        writeFile(m_outside.path() + "/secret", "outside");
        QVERIFY(QFile::link("train.py", root + "/link-inside"));
        QVERIFY(QFile::link(m_outside.path() + "/secret", root + "/link-outside"));
        QVERIFY(QFile::link(root + "/pkg", root + "/sub/pkg-link")); // absolute target inside the project
        QVERIFY(QFile::link(root + "/does-not-exist", root + "/broken"));
    }

private slots:
    void initTestCase()
    {
        mltf::Settings::initialise();
        QVERIFY(m_outside.isValid());
    }

    void scanHonoursIgnoreFilesAndExclusions()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        const auto result = Packer::scan(dir.path());
        QVERIFY(result.ok());
        const PackPlan &plan = result.value();

        const QStringList expected = {
            ".gitignore",   ".mltfignore", "MLproject", "data/keep.csv", "dir with space/ünïcode.txt",
            "link-inside",  "pkg/mod.py",  "sub/.gitignore", "sub/app.log", "sub/build/kept.txt",
            "sub/mlruns/kept.txt", "sub/pkg-link", "train.py", "weights.bin",
        };
        QCOMPARE(paths(plan), expected);

        // Exclusions are explained.
        QStringList excluded;
        for (const auto &e : plan.exclusions)
            excluded << e.path;
        for (const char *path : {".git/", "__pycache__/", "pkg/__pycache__/", "mlruns/", "venv/", "env2/",
                                 "checkpoints/", "build/", "app.log", "data/a.csv", "a/b/cache/", "sub/secret.txt"})
            QVERIFY2(excluded.contains(QString::fromUtf8(path)), path);
        for (const auto &e : plan.exclusions) {
            if (e.path == QLatin1String("checkpoints/"))
                QCOMPARE(e.reason, QStringLiteral("ignored by .mltfignore:1 (checkpoints/)"));
        }

        // Symlinks: inside kept as relative links; outside and broken reported, not followed.
        const PackProblem *outside = findProblem(plan, QStringLiteral("link-outside"));
        QVERIFY(outside);
        QCOMPARE(outside->kind, PackProblem::Kind::SymlinkOutside);
        QVERIFY(!outside->blocking);
        QVERIFY(outside->message.contains(QStringLiteral("outside the project")));
        const PackProblem *broken = findProblem(plan, QStringLiteral("broken"));
        QVERIFY(broken);
        QCOMPARE(broken->kind, PackProblem::Kind::BrokenSymlink);
        QVERIFY(plan.canPack());

        for (const PackedFile &f : plan.files) {
            if (f.path == QLatin1String("sub/pkg-link")) {
                QVERIFY(f.symlink);
                QCOMPARE(f.linkTarget, QStringLiteral("../pkg"));
            }
            if (f.path == QLatin1String("train.py"))
                QVERIFY(f.executable);
        }
        QCOMPARE(plan.largestFirst().first().path, QStringLiteral("weights.bin"));
    }

    void archiveHasRelativePathsOnly()
    {
        QTemporaryDir dir;
        makeProject(dir.path());
        const auto result = Packer::scan(dir.path());
        QVERIFY(result.ok());
        QTemporaryDir out;
        const QString archive = out.path() + "/project.tar.gz";
        qint64 lastDone = -1;
        const auto status = Packer::write(result.value(), archive, [&](qint64 done, qint64 total) {
            QVERIFY(done <= total);
            lastDone = done;
        });
        QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
        QCOMPARE(lastDone, result.value().totalBytes);

        const QString listing = runTar({QStringLiteral("-tzvf"), archive});
        QVERIFY(!listing.contains(dir.path()));
        QVERIFY(!listing.contains(m_outside.path()));
        const QStringList names = runTar({QStringLiteral("-tzf"), archive}).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(names.size(), result.value().files.size());
        for (const QString &name : names)
            QVERIFY2(!name.startsWith('/') && !name.contains(QStringLiteral("..")), qPrintable(name));

        // Unpacked, the files and links are what the project had.
        QTemporaryDir unpacked;
        runTar({QStringLiteral("-xzf"), archive, QStringLiteral("-C"), unpacked.path()});
        QFile weights(unpacked.path() + "/weights.bin");
        QVERIFY(weights.open(QIODevice::ReadOnly));
        QCOMPARE(weights.readAll(), QByteArray(5000, 'w'));
        QVERIFY(QFileInfo(unpacked.path() + "/train.py").isExecutable());
        QVERIFY(QFileInfo(unpacked.path() + "/dir with space/ünïcode.txt").isFile());
        QCOMPARE(QFileInfo(unpacked.path() + "/link-inside").symLinkTarget(), unpacked.path() + "/train.py");
        QCOMPARE(QFileInfo(unpacked.path() + "/sub/pkg-link").symLinkTarget(), unpacked.path() + "/pkg");
        QVERIFY(!QFileInfo::exists(unpacked.path() + "/link-outside"));
        QVERIFY(!QFileInfo::exists(unpacked.path() + "/.git"));
    }

    void overLimitIsRefusedBeforeWriting()
    {
        QTemporaryDir dir;
        writeFile(dir.path() + "/MLproject", "name: x\n");
        writeFile(dir.path() + "/stray-checkpoint.pt", QByteArray(2000, 'c'));
        Packer::Options options;
        options.sizeLimit = 1000;
        const auto result = Packer::scan(dir.path(), options);
        QVERIFY(result.ok());
        QVERIFY(result.value().overLimit());
        QVERIFY(!result.value().canPack());
        const QString message = result.value().refusal().message;
        QVERIFY2(message.contains(QStringLiteral("over the limit of 1.0 KB")), qPrintable(message));
        QCOMPARE(result.value().largestFirst().first().path, QStringLiteral("stray-checkpoint.pt"));

        QTemporaryDir out;
        const QString archive = out.path() + "/p.tar.gz";
        const auto status = Packer::write(result.value(), archive);
        QVERIFY(!status.ok());
        QCOMPARE(status.error().kind, mltf::Error::Kind::InvalidInput);
        QVERIFY(!QFileInfo::exists(archive));
    }

    void defaultLimitIsOneGiB() { QCOMPARE(Packer::Options().sizeLimit, 1024LL * 1024 * 1024); }

    void unreadableFileIsReported()
    {
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755); // "nobody" must enter it
        writeFile(dir.path() + "/MLproject", "name: x\n");
        writeFile(dir.path() + "/private.key", "k");
        writeFile(dir.path() + "/locked/inside.txt", "i");
        QFile::setPermissions(dir.path() + "/private.key", QFileDevice::Permissions());
        QFile::setPermissions(dir.path() + "/locked", QFileDevice::Permissions());

        mltf::Result<PackPlan> result = mltf::Error();
        {
            UnprivilegedScope scope;
            result = Packer::scan(dir.path());
        }
        QFile::setPermissions(dir.path() + "/locked", QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                          | QFileDevice::ExeOwner);
        QVERIFY(result.ok());
        const PackPlan &plan = result.value();
        const PackProblem *file = findProblem(plan, QStringLiteral("private.key"));
        QVERIFY(file);
        QCOMPARE(file->kind, PackProblem::Kind::Unreadable);
        QVERIFY(file->blocking);
        QVERIFY2(file->message.startsWith(QStringLiteral("Cannot read 'private.key':")), qPrintable(file->message));
        const PackProblem *folder = findProblem(plan, QStringLiteral("locked"));
        QVERIFY(folder);
        QVERIFY(folder->blocking);
        QVERIFY(!plan.canPack());
        QVERIFY(plan.refusal().message.contains(QStringLiteral("private.key")));
        QTemporaryDir out;
        QVERIFY(!Packer::write(plan, out.path() + "/p.tar.gz").ok());
    }

    void fileChangedAfterScanFailsClearly()
    {
        QTemporaryDir dir;
        writeFile(dir.path() + "/MLproject", "name: x\n");
        const auto result = Packer::scan(dir.path());
        QVERIFY(result.ok());
        writeFile(dir.path() + "/MLproject", "name: x grew\n");
        QTemporaryDir out;
        const auto status = Packer::write(result.value(), out.path() + "/p.tar.gz");
        QVERIFY(!status.ok());
        QVERIFY(status.error().message.contains(QStringLiteral("changed while the project was being packed")));
        QVERIFY(!QFileInfo::exists(out.path() + "/p.tar.gz"));
    }

    void missingRootAndCancel()
    {
        const auto missing = Packer::scan(QStringLiteral("/nonexistent/project"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("does not exist")));

        QTemporaryDir dir;
        writeFile(dir.path() + "/MLproject", "name: x\n");
        std::atomic_bool cancel{true};
        const auto cancelled = Packer::scan(dir.path(), Packer::Options(), &cancel);
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().kind, mltf::Error::Kind::Cancelled);
    }

    void gitignoreCanBeSwitchedOff()
    {
        QTemporaryDir dir;
        writeFile(dir.path() + "/.gitignore", "*.csv\n");
        writeFile(dir.path() + "/.mltfignore", "*.tmp\n");
        writeFile(dir.path() + "/a.csv", "a");
        writeFile(dir.path() + "/b.tmp", "b");
        Packer::Options options;
        options.honourGitignore = false;
        const auto result = Packer::scan(dir.path(), options);
        QVERIFY(result.ok());
        QCOMPARE(paths(result.value()), (QStringList{".gitignore", ".mltfignore", "a.csv"}));
    }

    void formatSize()
    {
        QCOMPARE(Packer::formatSize(17), QStringLiteral("17 bytes"));
        QCOMPARE(Packer::formatSize(1500), QStringLiteral("1.5 KB"));
        QCOMPARE(Packer::formatSize(1024LL * 1024 * 1024), QStringLiteral("1.1 GB"));
    }
};

QTEST_GUILESS_MAIN(TestPacker)
#include "TestPacker.moc"
