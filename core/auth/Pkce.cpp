#include "auth/Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace mltf::auth {

namespace {
constexpr auto base64url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

PkcePair Pkce::generate()
{
    QByteArray random(32, Qt::Uninitialized);
    // The system generator is the operating system's cryptographic source.
    QRandomGenerator::system()->generate(random.begin(), random.end());
    PkcePair pair;
    pair.verifier = random.toBase64(base64url);
    pair.challenge = challengeS256(pair.verifier);
    return pair;
}

QByteArray Pkce::challengeS256(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(base64url);
}

bool Pkce::isValidVerifier(const QByteArray &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (char c : verifier) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (!unreserved)
            return false;
    }
    return true;
}

} // namespace mltf::auth
