using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes.Analysis;

/// <summary>The fields each format must have (ARCHITECTURE.md, "Episodic notes").</summary>
public static class RequiredFields
{
    /// <summary>The <c>**Label:**</c> fields required by <paramref name="format"/>; a Quick Note needs only text.</summary>
    public static IReadOnlyList<string> For(NoteFormat format) => format switch
    {
        NoteFormat.Full =>
        [
            NoteLabels.Started, NoteLabels.Task, NoteLabels.Status,
            NoteLabels.ActiveFiles, NoteLabels.KeyDecisionsMade, NoteLabels.Progress,
            NoteLabels.HumansGoals, NoteLabels.ImportantConstraints, NoteLabels.PreferencesExpressed,
            NoteLabels.Notes,
        ],
        NoteFormat.Emergency => ["TASK", "STATUS", NoteLabels.Next, NoteLabels.Blocked, NoteLabels.Files],
        NoteFormat.Survival => ["TASK", NoteLabels.Next, NoteLabels.Blocked],
        NoteFormat.PreOperation => [NoteLabels.AboutTo, NoteLabels.CurrentState, NoteLabels.AfterSuccess, NoteLabels.IfFailure],
        _ => [],
    };

    /// <summary>The sections a format requires, besides its fields (a Full checkpoint's lists).</summary>
    public static IReadOnlyList<string> SectionsFor(NoteFormat format) =>
        format == NoteFormat.Full ? [NoteLabels.ResumeInstructionsSection, NoteLabels.OpenQuestionsSection] : [];
}
