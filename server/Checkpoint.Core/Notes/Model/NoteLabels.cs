namespace Checkpoint.Core.Notes.Model;

/// <summary>The labels and section names of the seed's templates, and how labels are compared.</summary>
public static class NoteLabels
{
#pragma warning disable CS1591 // the constants are the seed's own words
    public const string Started = "Started";
    public const string Task = "Task";
    public const string Status = "Status";
    public const string ActiveFiles = "Active Files";
    public const string KeyDecisionsMade = "Key Decisions Made";
    public const string Progress = "Progress";
    public const string HumansGoals = "Human's Goals";
    public const string ImportantConstraints = "Important Constraints";
    public const string PreferencesExpressed = "Preferences Expressed";
    public const string Notes = "Notes";
    public const string Next = "NEXT";
    public const string Blocked = "BLOCKED";
    public const string Files = "FILES";
    public const string AboutTo = "About to";
    public const string CurrentState = "Current state";
    public const string AfterSuccess = "After success";
    public const string IfFailure = "If failure";
    public const string Snapshot = "Snapshot";

    public const string CurrentSessionSection = "Current Session";
    public const string WorkStateSection = "Work State";
    public const string ContextToPreserveSection = "Context to Preserve";
    public const string ResumeInstructionsSection = "Resume Instructions";
    public const string OpenQuestionsSection = "Open Questions";
#pragma warning restore CS1591

    /// <summary>
    /// Labels are compared ignoring case, surrounding space and the apostrophe's shape, because agents
    /// write "TASK" for "Task" and editors turn "Human's" into "Human’s".
    /// </summary>
    public static bool AreSame(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string label) => label.Trim().Replace('’', '\'').Replace('‘', '\'');
}
