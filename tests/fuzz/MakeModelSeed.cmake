# Trains the model-file fuzzer's seed: the smallest PatchCore model the CLI makes (a few seconds).
#   cmake -DCADA=<cada> -DOUT=<folder> -P MakeModelSeed.cmake
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${CADA} -q demo-data --out ${OUT}/data --size 64 --per-class 3
                COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND ${CADA} -q train --data ${OUT}/data --out ${OUT}/model.cada --size 32
                        --max-bank 128 --max-calibration 12 --threads 1
                COMMAND_ERROR_IS_FATAL ANY)
file(REMOVE_RECURSE ${OUT}/data)
