#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace mltf {

// An error as a value. `message` is written for a person ("The tracking server refused the token (401).
// Sign in again."); `detail` is for the log (URL, body excerpt, errno). Never put secrets in either.
struct Error
{
    enum class Kind {
        Network,      // connection refused/reset/dropped, DNS
        Timeout,
        Tls,          // certificate or handshake problem; never ignored
        Http,         // an HTTP error status without a more specific kind
        Unauthorized, // 401/403, expired or missing credentials
        NotFound,
        InvalidInput, // the server or a validator rejected what was sent
        Parse,        // malformed JSON/YAML/HTML instead of JSON, truncated body
        Io,           // local file system
        Cancelled,
        Unsupported,
        Internal,
    };

    Kind kind = Kind::Internal;
    QString message;
    QString detail;
    int httpStatus = 0; // 0 when not an HTTP error
    QString code;       // server error code such as MLflow's RESOURCE_DOES_NOT_EXIST

    static Error make(Kind kind, QString message, QString detail = {})
    {
        Error e;
        e.kind = kind;
        e.message = std::move(message);
        e.detail = std::move(detail);
        return e;
    }
};

// Either a value or an Error.
template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const Error &error() const { return *m_error; }

private:
    std::optional<T> m_value;
    std::optional<Error> m_error;
};

// A Result that carries no value: ok or an Error.
struct Done
{
};
using Status = Result<Done>;

} // namespace mltf
