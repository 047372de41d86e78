// The VS Code extension: the grammar and language configuration are declared in package.json;
// this starts `opentop lsp` (setting `opentop.command`) for diagnostics, completion and
// formatting. See docs/editors.md.

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = vscode.workspace.getConfiguration("opentop").get("command", "opentop");
  if (!command) return undefined;
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "opentop",
    "OpenTop",
    { run: server, debug: server },
    { documentSelector: [{ language: "opentop" }] },
  );
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
