#pragma once
// The UI's name for the one future-to-callback bridge, which lives in core so that core classes use it too.
#include "util/AsyncResult.h"
