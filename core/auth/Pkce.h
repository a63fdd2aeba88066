#pragma once

#include <QByteArray>

namespace mltf::auth {

// Proof Key for Code Exchange (RFC 7636), S256 only: the verifier stays in the app, the challenge goes to the
// authorization endpoint, so a stolen authorization code is useless without the verifier.
struct PkcePair
{
    QByteArray verifier;  // 43 characters of base64url (32 random bytes)
    QByteArray challenge; // base64url(SHA-256(verifier)), no padding
};

class Pkce
{
public:
    static PkcePair generate();
    static QByteArray challengeS256(const QByteArray &verifier);
    // RFC 7636 4.1: 43..128 characters of [A-Z a-z 0-9 - . _ ~].
    static bool isValidVerifier(const QByteArray &verifier);
};

} // namespace mltf::auth
