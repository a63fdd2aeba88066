#pragma once

#include <QLoggingCategory>

// One category per core module. Tokens, passwords and Authorization headers are never logged.
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcProject)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcTracking)
Q_DECLARE_LOGGING_CATEGORY(lcSubmit)
Q_DECLARE_LOGGING_CATEGORY(lcSeries)
