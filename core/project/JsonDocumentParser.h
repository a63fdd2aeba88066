#pragma once

#include "project/ParsedDocument.h"

#include <QByteArray>
#include <QCoreApplication>

namespace mltf::project {

// A small JSON parser that keeps key order and byte positions (Qt's QJsonObject sorts keys and forgets where
// they were). Strict RFC 8259 except one lenient case: a trailing comma before '}' or ']' is read through and
// reported as an error with the fix "json.remove-trailing-comma" (Python's json module rejects it).
class JsonDocumentParser
{
    Q_DECLARE_TR_FUNCTIONS(JsonDocumentParser)

public:
    static ParsedDocument parse(const QByteArray &text);

    static inline const QString trailingCommaFix = QStringLiteral("json.remove-trailing-comma");
};

} // namespace mltf::project
