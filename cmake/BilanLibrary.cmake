# bilan_stage(NAME DEPS...): a static library from the *.cc of the current
# folder (tests excluded), and, when *_test.cc files exist, a Catch2 test
# program NAME_tests registered with CTest. Globbing keeps the stage folders
# independent: adding a file to a stage needs no CMake edit.
function(bilan_stage name)
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  list(REMOVE_ITEM srcs ${tests})
  if(srcs)
    add_library(${name} STATIC ${srcs})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/generator)
    target_link_libraries(${name} PUBLIC ${ARGN})
  else()  # a stage whose sources are still to come
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR}/generator)
    target_link_libraries(${name} INTERFACE ${ARGN})
  endif()
  if(tests)
    add_executable(${name}_tests ${tests})
    target_link_libraries(${name}_tests PRIVATE ${name} bilan_test_main)
    target_compile_definitions(${name}_tests PRIVATE
      BILAN_SOURCE_DIR="${PROJECT_SOURCE_DIR}" BILAN_BINARY_DIR="${PROJECT_BINARY_DIR}")
    catch_discover_tests(${name}_tests WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      PROPERTIES LABELS ${name})
  endif()
endfunction()
