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

/**
 * Runs a palette command by its full title ("Checkpoint: Save Checkpoint"). Something finishing late
 * (an editor opening, a tree refreshing) can take the focus and close the palette before Enter; then
 * the palette is opened again. Once Enter is pressed there is no retry, so a command never runs twice.
 */
export async function runCommand(page, title) {
  for (let attempt = 1; ; attempt++) {
    try {
      await closeQuickInput(page);
      await page.locator('.monaco-workbench').focus().catch(() => undefined);
      await page.keyboard.press('F1');
      await quickInput(page).waitFor({ state: 'visible', timeout: timeouts.ui });
      await quickInputBox(page).fill(`>${title}`, { timeout: 5_000 });
      // Neither a click nor an early Enter is safe while the list still filters: the row under the cursor
      // (or in focus) can change between finding it and acting on it, running another command. Wait until
      // the filter has put this command on top, focused ("similar commands" may follow), then press Enter.
      const top = page.locator('.quick-input-widget .monaco-list-row').first();
      await waitFor(`the palette to settle on "${title}"`, timeouts.ui, async () => {
        if (!(await quickInput(page).isVisible())) throw Object.assign(new Error('the palette closed before Enter'), { fatal: true });
        return (await top.innerText({ timeout: 1_000 })).split('\n')[0].trim() === title && ((await top.getAttribute('class', { timeout: 1_000 })) ?? '').includes('focused');
      });
      if (!(await quickInputBox(page).evaluate((input) => input === document.activeElement))) {
        throw new Error('the palette lost the focus before Enter');
      }
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`    (palette attempt ${attempt} for "${title}" failed: ${String(error?.message ?? error).split('\n')[0]}; opening it again)`);
    }
  }
}

/**
 * Chooses an entry of a row's context menu. The entry is focused by hovering it and run with Enter,
 * only while the menu is still open with that entry in focus: a click could land on whatever is
 * under the menu if it closed meanwhile (a late focus change closes it). A menu that closed before
 * Enter is opened again; after Enter there is no retry.
 */
export async function chooseContextMenuItem(page, row, label) {
  const menu = page.locator('.context-view .monaco-menu');
  for (let attempt = 1; ; attempt++) {
    try {
      await row.waitFor({ state: 'visible', timeout: timeouts.ui });
      await row.click({ button: 'right' });
      await menu.waitFor({ state: 'visible', timeout: timeouts.ui });
      const item = menu.locator('.action-item').filter({ has: page.locator('.action-label', { hasText: label }) }).first();
      await item.hover({ timeout: 5_000 });
      await waitFor(`the context menu to focus "${label}"`, timeouts.ui, async () => {
        if (!(await menu.isVisible())) throw Object.assign(new Error('the context menu closed before Enter'), { fatal: true });
        return ((await item.getAttribute('class', { timeout: 1_000 })) ?? '').includes('focused');
      });
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`    (context menu attempt ${attempt} for "${label}" failed: ${String(error?.message ?? error).split('\n')[0]}; opening it again)`);
      await page.keyboard.press('Escape').catch(() => undefined);
      continue;
    }
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: timeouts.ui });
    return;
  }
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

/** Whether the active editor shows a line matching `pattern` (Monaco renders spaces as U+00A0). */
export async function editorShows(page, pattern) {
  const lines = await page.locator('.editor-group-container.active .monaco-editor .view-line').allTextContents();
  return lines.some((line) => pattern.test(line.replace(/\u00a0/g, ' ')));
}

/**
 * What the workbench shows right now, for the log of a failed scenario (CI keeps only the log):
 * the quick input, dialogs, context menus, notifications, the active tab and the focused element.
 */
export async function describeWorkbench(page) {
  return page.evaluate(() => {
    const visible = (element) => !!element && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
    const text = (element) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
    const all = (selector) => [...document.querySelectorAll(selector)].filter(visible).map(text);
    const quick = document.querySelector('.quick-input-widget');
    const input = quick?.querySelector('.quick-input-box input');
    const active = document.activeElement;
    return [
      `quick input: ${visible(quick) ? `"${text(quick?.querySelector('.quick-input-title'))}" placeholder "${input?.getAttribute('placeholder') ?? ''}" value "${input?.value ?? ''}" rows [${[...(quick?.querySelectorAll('.monaco-list-row') ?? [])].slice(0, 5).map(text).join(' | ')}]` : 'hidden'}`,
      `dialogs: ${JSON.stringify(all('.monaco-dialog-box'))}`,
      `context menus: ${JSON.stringify(all('.context-view .monaco-menu'))}`,
      `notifications: ${JSON.stringify(all('.notifications-toasts .notification-toast'))}`,
      `active tab: ${text(document.querySelector('.tabs-container .tab.active'))}`,
      `focus: <${active?.tagName?.toLowerCase()} class="${active?.className ?? ''}" aria-label="${active?.getAttribute?.('aria-label') ?? ''}">`,
    ];
  });
}

/**
 * Accepts `folder` in the workbench's own folder dialog (code-server has no native one: it is a
 * quick input holding a path, with the accept button in its title bar).
 */
export async function chooseFolderInDialog(page, folder) {
  const value = folder.endsWith('/') ? folder : `${folder}/`;
  // The dialog fills in its starting folder a moment after it opens; typing before that ends up appended
  // to it (seen in CI: ".../memory/episodic//tmp/.../restored-copy/"). Wait for the starting folder, then
  // (re)type until the box holds exactly our path.
  await waitFor('the folder dialog to show its starting folder', timeouts.ui, async () => (await quickInputBox(page).inputValue()).length > 0);
  await waitFor(`the folder dialog to hold ${value}`, timeouts.ui, async () => {
    if ((await quickInputBox(page).inputValue()) === value) return true;
    await quickInputBox(page).fill(value);
    return false;
  });
  const ok = page.locator('.quick-input-widget .quick-input-action .monaco-button, .quick-input-widget .quick-input-ok .monaco-button').first();
  await ok.waitFor({ state: 'visible', timeout: timeouts.ui });
  await ok.click();
  await quickInput(page).waitFor({ state: 'hidden', timeout: timeouts.ui });
}
