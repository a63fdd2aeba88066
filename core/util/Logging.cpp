#include "util/Logging.h"

Q_LOGGING_CATEGORY(lcNet, "mltf.net")
Q_LOGGING_CATEGORY(lcProject, "mltf.project")
Q_LOGGING_CATEGORY(lcAuth, "mltf.auth")
Q_LOGGING_CATEGORY(lcTracking, "mltf.tracking")
Q_LOGGING_CATEGORY(lcSubmit, "mltf.submit")
Q_LOGGING_CATEGORY(lcSeries, "mltf.series")
