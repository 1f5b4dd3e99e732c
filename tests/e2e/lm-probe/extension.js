// The e2e suite's stand-in for a chat agent: "LM Probe: Invoke Language Model Tool" asks for a tool
// name and its JSON input, calls vscode.lm.invokeTool outside any chat request (as any extension may),
// and writes what it saw to $CHECKPOINT_E2E_PROBE_OUT: the tools in vscode.lm.tools and the result's
// text parts, or the error. Chat itself is off in the e2e settings, so this is how the Checkpoint
// tools are reached; confirmations still show (as modal dialogs outside a chat).
const fs = require('node:fs');
const vscode = require('vscode');

exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('checkpointProbe.invokeTool', async () => {
    const name = await vscode.window.showInputBox({ title: 'LM Probe: tool name', ignoreFocusOut: true });
    if (!name) return;
    const input = await vscode.window.showInputBox({ title: 'LM Probe: tool input (JSON)', ignoreFocusOut: true });
    if (input === undefined) return;
    const record = { tool: name, tools: vscode.lm.tools.map((tool) => ({ name: tool.name, tags: tool.tags, inputSchema: tool.inputSchema })) };
    try {
      const result = await vscode.lm.invokeTool(name, { input: JSON.parse(input), toolInvocationToken: undefined });
      record.result = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : JSON.stringify(part)));
    } catch (error) {
      record.error = String(error?.message ?? error);
    }
    fs.writeFileSync(process.env.CHECKPOINT_E2E_PROBE_OUT, JSON.stringify(record, null, 2));
  }));
};
