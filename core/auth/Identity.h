#pragma once

#include <QJsonObject>
#include <QString>

namespace mltf::auth {

// Who is signed in, from the id_token claims (or the userinfo answer).
struct Identity
{
    QString subject;  // "sub": stable, the key of the keychain entry
    QString username; // "preferred_username"
    QString name;     // "name"
    QString email;    // "email"

    bool isEmpty() const
    {
        return subject.isEmpty() && username.isEmpty() && name.isEmpty() && email.isEmpty();
    }
    // What to show: the user name, else the e-mail, else the full name, else the subject.
    QString displayName() const;
    // True when claims beyond the subject are present (no need to ask userinfo).
    bool hasProfile() const { return !username.isEmpty() || !name.isEmpty() || !email.isEmpty(); }

    static Identity fromClaims(const QJsonObject &claims);
    QJsonObject toJson() const;
};

} // namespace mltf::auth
