# CPack: a Debian package with the desktop file, AppStream metainfo and scalable icon
# (installed by resources/CMakeLists.txt). Build it with `cpack -G DEB` in the build folder.
set(CPACK_PACKAGE_NAME "mltf-desktop")
set(CPACK_PACKAGE_VENDOR "MLTF")
set(CPACK_PACKAGE_CONTACT "MLTF Desktop developers <mltf-desktop@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, openssh-client")
include(CPack)
