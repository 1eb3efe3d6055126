# cada_add_qt_test(NAME SOURCES... [LIBS ...] [LABELS ...])
# One Qt Test executable, registered with CTest; GUI tests get the offscreen platform. Each test
# runs on one thread: CTest runs them in parallel, and OpenMP pools that share cores spin-wait.
function(cada_add_qt_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    set_target_properties(${name} PROPERTIES AUTOMOC ON)
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    # `cmake --build . --target cada_core_tests` builds every test labelled core (tools/sanitize.sh).
    if("core" IN_LIST ARG_LABELS)
        if(NOT TARGET cada_core_tests)
            add_custom_target(cada_core_tests)
        endif()
        add_dependencies(cada_core_tests ${name})
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;CADA_CLI=$<TARGET_FILE:cada>;OMP_NUM_THREADS=1;${ARG_ENV}")
endfunction()
