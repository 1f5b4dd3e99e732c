namespace Checkpoint.Core.Notes.Model;

/// <summary>One step of a progress checklist.</summary>
/// <param name="Text">The step text without the box and without the "← WE ARE HERE" marker.</param>
/// <param name="Done">True for <c>[x]</c>.</param>
/// <param name="IsCurrent">True when marked "← WE ARE HERE", "&lt;- WE ARE HERE" or "(CURRENT TASK)".</param>
/// <param name="Range">The range of the step text as written (marker included).</param>
public sealed record ProgressItem(string Text, bool Done, bool IsCurrent, TextRange Range);

/// <summary>The <c>**Progress:**</c> checklist of an entry.</summary>
/// <param name="Items">The steps in order.</param>
/// <param name="Range">The range of the whole list.</param>
public sealed record ProgressChecklist(IReadOnlyList<ProgressItem> Items, TextRange Range)
{
    /// <summary>How many steps are checked.</summary>
    public int DoneCount => Items.Count(i => i.Done);

    /// <summary>How many steps there are.</summary>
    public int Total => Items.Count;

    /// <summary>The step marked as current, or null.</summary>
    public ProgressItem? Current => Items.FirstOrDefault(i => i.IsCurrent);

    /// <summary>The step to continue with: the current one when it is not done, else the first unchecked one.</summary>
    public ProgressItem? NextStep =>
        Current is { Done: false } current ? current : Items.FirstOrDefault(i => !i.Done);
}
