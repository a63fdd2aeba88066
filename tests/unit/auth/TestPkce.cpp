#include "auth/Pkce.h"

#include <QSet>
#include <QTest>

using namespace mltf::auth;

class TestPkce : public QObject
{
    Q_OBJECT
private slots:
    // RFC 7636 appendix B.
    void challengeOfTheRfcExample()
    {
        QCOMPARE(Pkce::challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void generatedPairsAreValidAndDifferent()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 50; ++i) {
            const PkcePair pair = Pkce::generate();
            QVERIFY2(Pkce::isValidVerifier(pair.verifier), pair.verifier.constData());
            QCOMPARE(pair.verifier.size(), 43);
            QCOMPARE(pair.challenge, Pkce::challengeS256(pair.verifier));
            QVERIFY(!pair.challenge.contains('='));
            QVERIFY(!seen.contains(pair.verifier));
            seen.insert(pair.verifier);
        }
    }

    void verifierRules()
    {
        QVERIFY(!Pkce::isValidVerifier(QByteArray(42, 'a')));
        QVERIFY(Pkce::isValidVerifier(QByteArray(128, 'a')));
        QVERIFY(!Pkce::isValidVerifier(QByteArray(129, 'a')));
        QVERIFY(!Pkce::isValidVerifier(QByteArray(43, 'a') + '+'));
        QVERIFY(Pkce::isValidVerifier(QByteArray(40, 'a') + "-._~"));
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "TestPkce.moc"
