/**
 * A status bar item with the latest checkpoint and its age; clicking it saves a new one. The age
 * is re-rendered every minute without asking the server; the data is re-read on every change.
 */
import * as vscode from 'vscode';
import type { CheckpointClient } from '../client/checkpointClient';
import type { CheckpointSummary } from '../client/protocol';
import { currentFolder } from '../client/settings';
import { formatWireAge } from '../model/age';
import { sortNewestFirst } from '../model/checkpointPicks';

export class CheckpointStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('checkpoint.status', vscode.StatusBarAlignment.Left, 50);
  private latest: CheckpointSummary | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: CheckpointClient) {
    this.item.name = 'Checkpoint';
    this.item.command = 'checkpoint.save';
    this.subscription = service.onDidChange(() => void this.reload());
    this.timer = setInterval(() => this.render(), 60_000);
    this.render();
    if (currentFolder()) {
      this.item.show();
    }
  }

  async reload(): Promise<void> {
    try {
      const { checkpoints } = await this.service.checkpoints();
      this.latest = sortNewestFirst(checkpoints)[0];
    } catch {
      // The tree reports server failures; the status bar just shows that nothing is known.
      this.latest = undefined;
    }
    this.render();
  }

  private render(): void {
    if (!this.latest) {
      this.item.text = '$(history) No checkpoint';
      this.item.tooltip = 'Checkpoint: no checkpoint yet — click to save one';
      return;
    }
    const age = formatWireAge(this.latest.created, new Date());
    this.item.text = `$(history) ${this.latest.name} · ${age}`;
    this.item.tooltip = `Last checkpoint: ${this.latest.id} (${this.latest.stage}), ${age}\nClick to save a new checkpoint`;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
