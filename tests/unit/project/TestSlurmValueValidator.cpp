// SlurmValueValidator: SLURM time, memory and gres syntax, and values that could inject script lines or shell.
#include "project/SlurmValueValidator.h"

#include <QtTest>

using namespace mltf::project;

class TestSlurmValueValidator : public QObject
{
    Q_OBJECT

private slots:
    void time_data();
    void time();
    void mem_data();
    void mem();
    void gres_data();
    void gres();
    void positiveInt();
    void safeValue_data();
    void safeValue();
    void gresRequestsGpu();
};

void TestSlurmValueValidator::time_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("seconds"); // -1 invalid
    QTest::newRow("minutes") << "30" << qint64(1800);
    QTest::newRow("minutes:seconds") << "30:15" << qint64(1815);
    QTest::newRow("hours:minutes:seconds") << "8:00:00" << qint64(28800);
    QTest::newRow("days-hours") << "1-12" << qint64(129600);
    QTest::newRow("days-hours:minutes") << "1-00:30" << qint64(88200);
    QTest::newRow("days-hours:minutes:seconds") << "1-00:00:00" << qint64(86400);
    QTest::newRow("UNLIMITED") << "UNLIMITED" << qint64(0);
    QTest::newRow("infinite") << "infinite" << qint64(0);
    QTest::newRow("words") << "8 hours" << qint64(-1);
    QTest::newRow("seconds over 59") << "1:00:75" << qint64(-1);
    QTest::newRow("hours over 23 with days") << "1-25" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("negative") << "-5" << qint64(-1);
    QTest::newRow("injection") << "1:00:00\n#SBATCH --x" << qint64(-1);
}

void TestSlurmValueValidator::time()
{
    QFETCH(QString, value);
    QFETCH(qint64, seconds);
    QCOMPARE(SlurmValueValidator::timeToSeconds(value), seconds);
    const QString message = SlurmValueValidator::validateTime(value);
    QCOMPARE(message.isEmpty(), seconds >= 0);
    if (seconds < 0)
        QVERIFY(message.contains(QLatin1String("SLURM time")));
}

void TestSlurmValueValidator::mem_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("4G") << "4G" << true;
    QTest::newRow("8192") << "8192" << true;
    QTest::newRow("512m") << "512m" << true;
    QTest::newRow("1T") << "1T" << true;
    QTest::newRow("4GB") << "4GB" << false;
    QTest::newRow("4.5G") << "4.5G" << false;
    QTest::newRow("lots") << "lots" << false;
    QTest::newRow("empty") << "" << false;
}

void TestSlurmValueValidator::mem()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QCOMPARE(SlurmValueValidator::validateMem(value).isEmpty(), valid);
}

void TestSlurmValueValidator::gres_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::newRow("gpu:2") << "gpu:2" << true;
    QTest::newRow("typed") << "gpu:nvidia_rtx_a6000:1" << true;
    QTest::newRow("name only") << "gpu" << true;
    QTest::newRow("several") << "gpu:a100:2,license:1" << true;
    QTest::newRow("bad count") << "gpu:two:x" << false;
    QTest::newRow("empty item") << "gpu:1," << false;
    QTest::newRow("space") << "gpu: 1" << false;
    QTest::newRow("shell") << "gpu:1;reboot" << false;
}

void TestSlurmValueValidator::gres()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QCOMPARE(SlurmValueValidator::validateGres(value).isEmpty(), valid);
}

void TestSlurmValueValidator::positiveInt()
{
    QVERIFY(SlurmValueValidator::validatePositiveInt(QStringLiteral("1")).isEmpty());
    QVERIFY(SlurmValueValidator::validatePositiveInt(QStringLiteral("64")).isEmpty());
    QVERIFY(!SlurmValueValidator::validatePositiveInt(QStringLiteral("0")).isEmpty());
    QVERIFY(!SlurmValueValidator::validatePositiveInt(QStringLiteral("-1")).isEmpty());
    QVERIFY(!SlurmValueValidator::validatePositiveInt(QStringLiteral("two")).isEmpty());
}

void TestSlurmValueValidator::safeValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("safe");
    QTest::newRow("partition") << "batch_gpu" << true;
    QTest::newRow("module") << "GCCcore/.11.3.0" << true;
    QTest::newRow("mail") << "researcher@example.edu" << true;
    QTest::newRow("output pattern") << "slurm-%j.out" << true;
    QTest::newRow("assignment") << "OMP_NUM_THREADS=4" << true;
    QTest::newRow("list") << "MLFLOW_TRACKING_URI,ALL" << true;
    QTest::newRow("newline") << "gpu\n#SBATCH --account=other" << false;
    QTest::newRow("carriage return") << "gpu\r" << false;
    QTest::newRow("semicolon") << "x; rm -rf ~" << false;
    QTest::newRow("substitution") << "$(whoami)" << false;
    QTest::newRow("backtick") << "`id`" << false;
    QTest::newRow("pipe") << "a|b" << false;
    QTest::newRow("redirect") << "a>b" << false;
    QTest::newRow("quote") << "a'b" << false;
    QTest::newRow("space") << "my job" << false;
    QTest::newRow("control") << QString(QChar(0x07)) << false;
}

void TestSlurmValueValidator::safeValue()
{
    QFETCH(QString, value);
    QFETCH(bool, safe);
    QCOMPARE(SlurmValueValidator::validateSafeValue(value).isEmpty(), safe);
}

void TestSlurmValueValidator::gresRequestsGpu()
{
    QVERIFY(SlurmValueValidator::gresRequestsGpu(QStringLiteral("gpu:1")));
    QVERIFY(SlurmValueValidator::gresRequestsGpu(QStringLiteral("license:1,gpu:a100:2")));
    QVERIFY(!SlurmValueValidator::gresRequestsGpu(QStringLiteral("license:1")));
    QVERIFY(!SlurmValueValidator::gresRequestsGpu(QString()));
}

QTEST_GUILESS_MAIN(TestSlurmValueValidator)
#include "TestSlurmValueValidator.moc"
