# Builds the Debian package into a scratch folder and checks what it installs and declares.
#   cmake -DBUILD=<build folder> -DOUT=<scratch folder> -P CheckDeb.cmake
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND cpack -G DEB -B ${OUT} WORKING_DIRECTORY ${BUILD} COMMAND_ERROR_IS_FATAL ANY
                OUTPUT_QUIET)
file(GLOB debs ${OUT}/cada-inspect_*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one cada-inspect_*.deb in ${OUT}, found ${count}")
endif()
execute_process(COMMAND dpkg-deb -c ${debs} OUTPUT_VARIABLE contents COMMAND_ERROR_IS_FATAL ANY)
foreach(path ./usr/bin/cada ./usr/bin/cada-inspect ./usr/share/applications/cada-inspect.desktop
        ./usr/share/icons/hicolor/scalable/apps/cada-inspect.svg
        ./usr/share/icons/hicolor/48x48/apps/cada-inspect.png
        ./usr/share/metainfo/io.github.cada_inspect.CadaInspect.metainfo.xml
        ./usr/share/doc/cada-inspect/README.md)
    string(FIND "${contents}" " ${path}\n" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the package does not install ${path}:\n${contents}")
    endif()
endforeach()
execute_process(COMMAND dpkg-deb -f ${debs} Depends OUTPUT_VARIABLE depends COMMAND_ERROR_IS_FATAL ANY)
foreach(dependency libtorch libopencv-imgcodecs libqt6widgets6 libqt6sql6-sqlite qt6-qpa-plugins)
    string(FIND "${depends}" "${dependency}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the package does not depend on ${dependency}: ${depends}")
    endif()
endforeach()
file(REMOVE_RECURSE ${OUT})
