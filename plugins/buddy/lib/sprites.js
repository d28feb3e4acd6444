// The eighteen sprites, 2–3 frames each (blinks, wiggles, flaps). Keys are species ids.
import { frames } from "./sprite.js";

/** @type {Readonly<Record<string, string[][]>>} */
export const SPRITES = Object.freeze({
  duck: frames("duck", String.raw`
    __
  <(o )___
   ( ._> /
    '---'
`, String.raw`
    __
  <(- )___
   ( ._> /
    '---'
`, String.raw`
    __
  <(o )___
   ( ._> \
    '---'
`),
  cat: frames("cat", String.raw`
  /\_/\
 ( o.o )
  > ^ <
 (_)_(_)~
`, String.raw`
  /\_/\
 ( -.- )
  > ^ <
 (_)_(_)~
`, String.raw`
  /\_/\
 ( o.o )
  > ^ <
 (_)_(_)_/
`),
  owl: frames("owl", String.raw`
   ,_,
  (O,O)
  (   )
  -"-"-
`, String.raw`
   ,_,
  (-,-)
  (   )
  -"-"-
`, String.raw`
   ,_,
  (O,-)
  (   )
  -"-"-
`),
  octopus: frames("octopus", String.raw`
   .---.
  ( o o )
  (,,,,,)
  / / \ \
`, String.raw`
   .---.
  ( o o )
  (,,,,,)
  \ \ / /
`, String.raw`
   .---.
  ( - - )
  (,,,,,)
  / / \ \
`),
  ghost: frames("ghost", String.raw`
   .-.
  (o o)
  | O |
  '~~~'
`, String.raw`
   .-.
  (o o)
  | o |
  '^^^'
`, String.raw`
   .-.
  (- -)
  | O |
  '~~~'
`),
  robot: frames("robot", String.raw`
    _|_
  [ o o ]
  [ --- ]
  /|___|\
`, String.raw`
    _*_
  [ o o ]
  [ ~~~ ]
  /|___|\
`, String.raw`
    _|_
  [ - - ]
  [ --- ]
  /|___|\
`),
  snail: frames("snail", String.raw`
 o  o .--.
  \/ / @  \
  (__\____/
  ~~~~~~~~~
`, String.raw`
 o o  .--.
  \/ / @  \
  (__\____/
   ~~~~~~~~
`),
  axolotl: frames("axolotl", String.raw`
  }\   /{
 }~(o.o)~{
   ( w )~
   ''  ''
`, String.raw`
  {\   /}
 {~(o.o)~}
   ( w )~
   ''  ''
`, String.raw`
  }\   /{
 }~(-.-)~{
   ( w )~
   ''  ''
`),
  capybara: frames("capybara", String.raw`
   n____
  / o   \__
 (.        )
  |_|  |_|
`, String.raw`
   n____
  / -   \__
 (.        )
  |_|  |_|
`, String.raw`
   n____
  / o   \__
 (.        )
  /_/  \_\
`),
  penguin: frames("penguin", String.raw`
   .-.
  (o.o)
 /(   )\
  ^^ ^^
`, String.raw`
   .-.
  (o.o)
 \(   )/
  ^^ ^^
`, String.raw`
   .-.
  (-.-)
 /(   )\
  ^^ ^^
`),
  turtle: frames("turtle", String.raw`
   .----.
  /\/\/\/\_
 |_______|o)
  U  U  U U
`, String.raw`
   .----.
  /\/\/\/\_
 |_______|-)
  U  U  U U
`, String.raw`
   .----.
  /\/\/\/\_
 |_______|o)
   U  U  U U
`),
  dragon: frames("dragon", String.raw`
   /\_/\  ~
  ( o o )~~
  /  w  \
 /_/|_|\_\
`, String.raw`
   /\_/\ ~
  ( o o )~~~
  /  w  \
 /_/|_|\_\
`, String.raw`
   /\_/\
  ( - - )
  /  w  \
 /_/|_|\_\
`),
  blob: frames("blob", String.raw`
   .---.
  ( o o )
 (   ~   )
  '-----'
`, String.raw`

  .-----.
 ( o   o )
 '-------'
`, String.raw`
   .---.
  ( - - )
 (   ~   )
  '-----'
`),
  cactus: frames("cactus", String.raw`
    .--.
 .-.|oo|.-.
 '-'|  |'-'
    |__|
`, String.raw`
    .--.
    |oo|.-.
 .-.|  |'-'
 '-'|__|
`, String.raw`
    .--.
 .-.|oo|
 '-'|  |.-.
    |__|'-'
`),
  mushroom: frames("mushroom", String.raw`
  .-""-.
 / o  o \
'--.  .--'
   |__|
`, String.raw`
  .-""-.
 / -  - \
'--.  .--'
   |__|
`),
  crab: frames("crab", String.raw`
 (\/)  (\/)
  \_(oo)_/
  /(____)\
  / /  \ \
`, String.raw`
 (\|)  (|/)
  \_(oo)_/
  /(____)\
  \ \  / /
`, String.raw`
 (\/)  (\/)
  \_(--)_/
  /(____)\
  / /  \ \
`),
  rabbit: frames("rabbit", String.raw`
  (\_/)
  (o.o)
  (> <)
  (")(")
`, String.raw`
  (|_/)
  (o.o)
  (> <)
  (")(")
`, String.raw`
  (\_/)
  (-.-)
  (> <)
  (")(")
`),
  bat: frames("bat", String.raw`
   /\_/\
 /( o o )\
/_/ \^/ \_\
    " "
`, String.raw`
 \ /\_/\ /
 \( o o )/
  \ \^/ /
    " "
`),
});
