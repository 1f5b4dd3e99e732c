// Driving the VS Code workbench the way a user does: the command palette (F1), quick inputs,
// modal dialogs, the activity bar and tree views. Every step waits for the UI it needs.
import { waitFor } from './wait.mjs';

export const timeouts = { ui: 20_000, server: 60_000 };

export async function openWorkbench(page, url, workspace) {
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer shows the folder once the workbench has restored its layout.
  await page.locator('.explorer-folders-view, .part.sidebar').first().waitFor({ state: 'visible', timeout: 60_000 });
}

const quickInput = (page) => page.locator('.quick-input-widget');
const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input');

/** Runs a palette command by its full title ("Checkpoint: Save Checkpoint"). */
export async function runCommand(page, title) {
  await closeQuickInput(page);
  await page.locator('.monaco-workbench').focus().catch(() => undefined);
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible', timeout: timeouts.ui });
  await quickInputBox(page).fill(`>${title}`);
  // Neither a click nor an early Enter is safe while the list still filters: the row under the cursor
  // (or in focus) can change between finding it and acting on it, running another command. Wait until
  // the filter has put this command on top, focused ("similar commands" may follow), then press Enter.
  const top = page.locator('.quick-input-widget .monaco-list-row').first();
  await waitFor(`the palette to settle on "${title}"`, timeouts.ui, async () =>
    (await top.innerText()).split('\n')[0].trim() === title && ((await top.getAttribute('class')) ?? '').includes('focused'));
  await page.keyboard.press('Enter');
}

export async function closeQuickInput(page) {
  if (await quickInput(page).isVisible()) {
    await page.keyboard.press('Escape');
    await quickInput(page).waitFor({ state: 'hidden', timeout: timeouts.ui });
  }
}

/** Waits for a quick input (pick or input box) whose title or prompt contains `text`. */
export async function waitForQuickInput(page, text, timeout = timeouts.ui) {
  await waitFor(`a quick input showing "${text}"`, timeout, async () => {
    if (!(await quickInput(page).isVisible())) return false;
    // Titles and prompts are text; a quick pick's placeholder is an attribute of its input.
    const content = (await quickInput(page).textContent()) ?? '';
    const placeholder = (await quickInputBox(page).getAttribute('placeholder')) ?? '';
    return content.includes(text) || placeholder.includes(text);
  });
}

/** Types into the open quick input (replacing its value) and accepts. */
export async function answerQuickInput(page, text) {
  await quickInputBox(page).fill(text);
  await page.keyboard.press('Enter');
}

/** Picks the row of the open quick pick that contains `text` after filtering by it. */
export async function pickQuickPickItem(page, text, filter = text) {
  await quickInputBox(page).fill(filter);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: timeouts.ui });
  await row.click();
}

/** Clicks a button of the modal dialog whose message contains `message`. */
export async function answerDialog(page, message, button, timeout = timeouts.server) {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: message });
  await dialog.waitFor({ state: 'visible', timeout });
  await dialog.locator('.monaco-button', { hasText: button }).first().click();
  await dialog.waitFor({ state: 'hidden', timeout: timeouts.ui });
}

export async function showCheckpointsContainer(page) {
  const item = page.locator('.part.activitybar [aria-label^="Checkpoints"], .activitybar [aria-label^="Checkpoints"]').first();
  await item.waitFor({ state: 'visible', timeout: timeouts.server });
  const sidebarShowsIt = await page.locator('.part.sidebar .pane-header', { hasText: 'Snapshots' }).first().isVisible();
  if (!sidebarShowsIt) {
    await item.click();
  }
  await page.locator('.part.sidebar .pane-header', { hasText: 'Snapshots' }).first().waitFor({ state: 'visible', timeout: timeouts.ui });
}

/** A row of a tree in the side bar containing `text`. */
export function sidebarRow(page, text) {
  return page.locator('.part.sidebar .monaco-list-row').filter({ hasText: text }).first();
}

/** The label of the active editor tab. */
export async function activeTabLabel(page) {
  return (await page.locator('.tabs-container .tab.active').first().textContent().catch(() => '')) ?? '';
}

/** A notification toast containing `text`. */
export function notification(page, text) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}
