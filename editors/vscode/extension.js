// Starts `jidi lsp` for .jidi files when the vscode-languageclient package is installed
// (`npm install` in this folder); without it the extension only highlights.
const vscode = require("vscode");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("jidi");
  const command = config.get("server.path", "jidi");
  if (!command) {
    return;
  }
  let lc;
  try {
    lc = require("vscode-languageclient/node");
  } catch (e) {
    console.log("jidi: vscode-languageclient is not installed; highlighting only");
    return;
  }
  const lang = config.get("server.lang", "");
  const args = lang ? ["--lang", lang, "lsp"] : ["lsp"];
  const server = { command, args, transport: lc.TransportKind.stdio };
  client = new lc.LanguageClient(
    "jidi",
    "jidi language server",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "jidi" }] }
  );
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
