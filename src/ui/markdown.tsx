// Assistant markdown for a terminal: headings, emphasis, inline code, fenced code and
// lists, styled by Ink (colour drops out under NO_COLOR). Streaming text renders the same.
import { Text } from "ink";
import React from "react";
import { hue } from "./color.ts";

function inline(line: string, key: number): React.ReactNode {
  const parts = line.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).filter(Boolean);
  return (
    <Text key={key}>
      {parts.map((p, i) =>
        p.startsWith("`") && p.endsWith("`") ? (
          <Text key={i} color={hue("cyan")}>
            {p.slice(1, -1)}
          </Text>
        ) : p.startsWith("**") && p.endsWith("**") ? (
          <Text key={i} bold>
            {p.slice(2, -2)}
          </Text>
        ) : (
          p
        ),
      )}
    </Text>
  );
}

export function Markdown({ text }: { text: string }): React.ReactElement {
  let fenced = false;
  const out: React.ReactNode[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.startsWith("```")) {
      fenced = !fenced;
      return;
    }
    if (fenced) out.push(<Text key={i} color={hue("cyan")}>{`  ${line}`}</Text>);
    else if (/^#{1,6} /.test(line)) out.push(<Text key={i} bold underline>{line.replace(/^#+ /, "")}</Text>);
    else if (/^\s*[-*] /.test(line)) out.push(inline(line.replace(/^(\s*)[-*] /, "$1• "), i));
    else out.push(inline(line, i));
  });
  return <>{out}</>;
}
