// Which commands only look. The validators read a command's arguments in place (from
// argv[1]), so each is held here at the word it looks at and the one next to it.
import { describe, expect, test } from "bun:test";
import { isReadOnlyArgv } from "../../src/safety/bash/read-only.ts";

const CASES: [string, boolean][] = [
  ["env", true], ["env X=1 ls", false], ["hostname", true], ["hostname box", false],
  ["uniq in.txt", true], ["uniq in.txt out.txt", false],
  ["npm ls", true], ["npm config get registry", true], ["npm config set x y", false], ["npm install", false], ["npm", false],
  ["git status", true], ["git -C sub status", true], ["git --no-pager log", true], ["git commit -m x", false],
  ["git branch", true], ["git branch -D old", false], ["git diff --output=x", false], ["git", false], ["git --version", true],
  ["go version", true], ["go vet -w", false], ["go build", false],
  ["sed -n 1p f", true], ["sed -i s/a/b/ f", false], ["awk {print} f", true], ["find . -name x", true], ["find . -delete", false],
  ["sort -o out in", false], ["sort in", true], ["printf -v x y", false], ["printf %s y", true],
  ["docker ps", true], ["docker network ls", true], ["docker network rm n", false], ["docker run x", false],
  ["kubectl get pods", true], ["kubectl config view", true], ["kubectl config use-context x", false], ["cargo tree", true], ["cargo build", false],
  ["rm -rf x", false], ["./script.sh", false], ["mytool --version", true], ["mytool --version extra", false],
];

describe("read-only commands", () => {
  test.each(CASES)("%s → %p", (command, readOnly) => {
    expect(isReadOnlyArgv(command.split(" "))).toBe(readOnly);
  });
});
