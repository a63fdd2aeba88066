// mltf-desktop: the GUI, plus `mltf-desktop check <project-dir>` for linting projects in CI.
#include "CommandLine.h"

int main(int argc, char *argv[])
{
    return mltf::app::run(argc, argv);
}
