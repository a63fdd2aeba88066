#pragma once

namespace mltf::app {

// Parses the command line and runs the GUI or a sub-command. Returns the process exit code.
int run(int argc, char *argv[]);

} // namespace mltf::app
