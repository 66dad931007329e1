#!/usr/bin/env bash
# Makes every picture of docs/screenshots with `pollscope snapshot` (headless, no display).
# Run from the repository's root after `mvn -B -q package -DskipTests`. The Chinese picture
# needs a CJK font (fonts-wqy-microhei on Debian).
set -euo pipefail
cd "$(dirname "$0")/../.."
shot() { java -jar app/target/pollscope.jar snapshot "$@" 2>&1 | grep -v -e WARNING -e PlatformImpl; }
eight=kernel-model/src/test/resources/scenarios/interest-list-of-eight.scn
out=docs/screenshots
shot "$eight" --step 23 --view window --out $out/window.png              # three items on rdllist
shot "$eight" --step 17 --view tree --progress 0.5 --out $out/tree-rotation.png  # the eighth insert, rotating
shot "$eight" --step 23 --view ready --out $out/ready.png
shot "$eight" --step 19 --view waitqueues --out $out/waitqueues.png      # T101 asleep on ep->wq
shot "$eight" --step 23 --view user --out $out/user.png
shot "$eight" --step 23 --view log --out $out/log.png
shot "$eight" --step 0 --view compare --out $out/compare.png
shot "$eight" --step 23 --view window --theme projector --out $out/window-projector.png
shot "$eight" --step 17 --view tree --theme projector --progress 0.5 --out $out/tree-projector.png
shot "$eight" --step 23 --view window --lang zh --out $out/window-zh.png
shot --program epoll-et-buggy --clients 4 --active 3 --step 13 --view window --out $out/program.png  # stalled: its 13th step is its last
shot --view course --out $out/course.png                                             # the start page
shot --lesson lt-vs-et --step 3 --out $out/lesson.png                                 # a checkpoint, unanswered
shot --lesson lt-vs-et --step 3 --lang zh --out $out/lesson-zh.png
shot --view course --lang zh --out $out/course-zh.png
shot --lesson inside-epoll --step 6 --teacher --theme projector --out $out/lesson-projector.png
wrong=docs/screenshots/wrong-prediction.scn
shot "$wrong" --step 6 --view window --out $out/failing-expectation.png          # line 10 predicted => 0, the model returned 1
shot "$wrong" --step 6 --view window --size 1024x768 --theme projector --out $out/failing-expectation-1024-projector.png
ex=kernel-model/src/test/resources/scenarios/exclusive-wakes-one-waiter.scn
shot "$ex" --step 11 --view window --size 1024x768 --out $out/window-1024.png      # three exclusive waiters, 1024x768
shot "$ex" --step 11 --view window --size 1280x800 --theme projector --out $out/window-1280-projector.png
shot --program epoll-et-buggy --clients 4 --active 3 --step 13 --view window --size 1280x800 --theme projector --out $out/program-projector.png
shot --lesson lt-vs-et --step 3 --size 1024x768 --out $out/lesson-1024.png
