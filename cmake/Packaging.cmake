# Install rules and a Debian package: `cpack -G DEB` in the build folder writes
# cada-inspect_<version>_<arch>.deb, which installs both programs, the desktop entry, the icons,
# the AppStream metainfo and the documentation under /usr. Its dependencies on shared libraries
# come from dpkg-shlibdeps; the Qt plugins loaded at run time (SQLite, SVG icons, the xcb and
# offscreen platforms) are named explicitly. The translations are compiled into cada-inspect.
set(CMAKE_INSTALL_DOCDIR share/doc/cada-inspect)
include(GNUInstallDirs)

install(TARGETS cada cada-inspect RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/resources/cada-inspect.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/io.github.cada_inspect.CadaInspect.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/icons/ DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME cada-inspect)
set(CPACK_PACKAGE_VENDOR "CADA Inspect")
set(CPACK_PACKAGE_CONTACT "CADA Inspect developers <cada-inspect@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Visual anomaly detection across many product types with one model and one threshold")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6, qt6-qpa-plugins")
set(CPACK_STRIP_FILES ON)
include(CPack)
