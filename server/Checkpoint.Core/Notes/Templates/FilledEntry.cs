using System.Globalization;
using System.Text;
using Checkpoint.Core.Notes.Model;

namespace Checkpoint.Core.Notes.Templates;

/// <summary>
/// An entry written with its fields filled in — what an agent appends instead of a blank template. Fields are
/// keyed by camelCase names (<see cref="FieldsFor"/>); list fields take one item per line. Required fields must
/// be given; the optional ones the seed's layout still needs get a plain "None" so the entry is complete (no
/// placeholder left, no missing-field diagnostic).
/// </summary>
public static class FilledEntry
{
    /// <summary>A field an agent fills in.</summary>
    /// <param name="Key">The camelCase key, e.g. <c>aboutTo</c>.</param>
    /// <param name="Required">The entry is refused without it.</param>
    /// <param name="List">One item per line.</param>
    /// <param name="Description">What to put in it (the seed's hint).</param>
    public sealed record Field(string Key, bool Required, bool List, string Description);

    private static readonly Field[] Full =
    [
        new("task", true, false, "What we're working on, in one line."),
        new("status", true, false, "in progress / blocked / completing — where things stand."),
        new("resume", true, true, "Resume instructions, one per line: the first things to do if context is lost."),
        new("started", false, false, "Time/date the session started (default \"Session in progress\")."),
        new("activeFiles", false, true, "One per line: \"file — what we're doing with it\"."),
        new("decisions", false, true, "Key decisions, one per line: \"decision: reasoning\"."),
        new("done", false, true, "Completed steps, one per line."),
        new("current", false, false, "The step in progress (← WE ARE HERE); default: the status."),
        new("nextSteps", false, true, "Steps still to do, one per line."),
        new("goals", false, false, "What the human is ultimately trying to achieve."),
        new("constraints", false, false, "Things we must not forget: security, preferences, limitations."),
        new("preferences", false, false, "How the human wants things done: style, approach, format."),
        new("questions", false, true, "Open questions, one per line."),
        new("notes", false, false, "Any other context worth preserving."),
    ];

    private static readonly Field[] Emergency =
    [
        new("task", true, false, "One line: what we're doing."),
        new("status", true, false, "One line: where we are."),
        new("next", true, false, "One line: the immediate next step."),
        new("blocked", false, false, "What blocks us, or \"None\" (the default)."),
        new("files", false, false, "Key files involved (default \"None\")."),
    ];

    private static readonly Field[] Survival =
    [
        new("task", true, false, "One line."),
        new("next", true, false, "One line."),
        new("blocked", false, false, "Yes/No (default \"No\")."),
    ];

    private static readonly Field[] PreOperation =
    [
        new("aboutTo", true, false, "The operation, in one line."),
        new("currentState", true, false, "Where we are right now."),
        new("afterSuccess", true, false, "What to do next."),
        new("ifFailure", true, false, "Recovery steps in 2-3 lines."),
    ];

    private static readonly Field[] Quick =
    [
        new("text", true, false, "Brief context worth preserving: a decision, a preference, an important detail."),
    ];

    /// <summary>The fields of <paramref name="format"/>, required ones first.</summary>
    public static IReadOnlyList<Field> FieldsFor(NoteFormat format) => format switch
    {
        NoteFormat.Full => Full,
        NoteFormat.Emergency => Emergency,
        NoteFormat.Survival => Survival,
        NoteFormat.PreOperation => PreOperation,
        _ => Quick,
    };

    /// <summary>The entry's markdown (ending with a newline), with a <c>**Snapshot:**</c> line when <paramref name="snapshotId"/> is given.</summary>
    /// <exception cref="CheckpointException"><see cref="ErrorKind.InvalidArgument"/>: an unknown field, or a required one missing.</exception>
    public static string Render(NoteFormat format, TimeOnly time, int? contextPercent, IReadOnlyDictionary<string, string> fields, string? snapshotId = null)
    {
        Validate(format, fields);
        string hhmm = time.ToString("HH:mm", CultureInfo.InvariantCulture);
        string context = contextPercent?.ToString(CultureInfo.InvariantCulture) ?? NoteTemplate.UnknownContext;
        StringBuilder md = new();
        switch (format)
        {
            case NoteFormat.Full:
                md.Append($"## Checkpoint {hhmm} — Context: {context}%\n\n");
                md.Append("### Current Session\n");
                md.Append($"**{NoteLabels.Started}:** {One(fields, "started") ?? "Session in progress"}\n");
                md.Append($"**{NoteLabels.Task}:** {One(fields, "task")}\n");
                md.Append($"**{NoteLabels.Status}:** {One(fields, "status")}\n\n");
                md.Append("### Work State\n\n");
                md.Append($"**{NoteLabels.ActiveFiles}:**\n").Append(Bullets(fields, "activeFiles")).Append('\n');
                md.Append($"**{NoteLabels.KeyDecisionsMade}:**\n").Append(Bullets(fields, "decisions")).Append('\n');
                md.Append($"**{NoteLabels.Progress}:**\n");
                foreach (string step in Many(fields, "done")) md.Append($"- [x] {step}\n");
                md.Append($"- [ ] {One(fields, "current") ?? One(fields, "status")} ← WE ARE HERE\n");
                foreach (string step in Many(fields, "nextSteps")) md.Append($"- [ ] {step}\n");
                md.Append("\n### Context to Preserve\n\n");
                md.Append($"**{NoteLabels.HumansGoals}:**\n{One(fields, "goals") ?? "None recorded"}\n\n");
                md.Append($"**{NoteLabels.ImportantConstraints}:**\n{One(fields, "constraints") ?? "None recorded"}\n\n");
                md.Append($"**{NoteLabels.PreferencesExpressed}:**\n{One(fields, "preferences") ?? "None recorded"}\n\n");
                md.Append($"### {NoteLabels.ResumeInstructionsSection}\n");
                int n = 0;
                foreach (string step in Many(fields, "resume")) md.Append($"{++n}. {step}\n");
                md.Append($"\n### {NoteLabels.OpenQuestionsSection}\n").Append(Bullets(fields, "questions")).Append('\n');
                md.Append($"**{NoteLabels.Notes}:** {One(fields, "notes") ?? "None"}\n");
                break;
            case NoteFormat.Emergency:
                md.Append($"## EMERGENCY CHECKPOINT {hhmm} — Context: {context}%\n\n");
                md.Append($"**TASK:** {One(fields, "task")}\n**STATUS:** {One(fields, "status")}\n**NEXT:** {One(fields, "next")}\n");
                md.Append($"**BLOCKED:** {One(fields, "blocked") ?? "None"}\n**FILES:** {One(fields, "files") ?? "None"}\n");
                break;
            case NoteFormat.Survival:
                md.Append($"## SURVIVAL {hhmm} — Context: {context}%\n\n");
                md.Append($"**TASK:** {One(fields, "task")}\n**NEXT:** {One(fields, "next")}\n**BLOCKED:** {One(fields, "blocked") ?? "No"}\n");
                break;
            case NoteFormat.PreOperation:
                md.Append($"## Pre-Operation {hhmm}\n\n");
                md.Append($"**{NoteLabels.AboutTo}:** {One(fields, "aboutTo")}\n**{NoteLabels.CurrentState}:** {One(fields, "currentState")}\n");
                md.Append($"**{NoteLabels.AfterSuccess}:** {One(fields, "afterSuccess")}\n**{NoteLabels.IfFailure}:** {One(fields, "ifFailure")}\n");
                break;
            default:
                md.Append($"### {hhmm} Note\n\n").Append(fields["text"].Replace("\r\n", "\n").Trim()).Append('\n');
                break;
        }
        if (snapshotId is not null)
        {
            md.Append($"\n**{NoteLabels.Snapshot}:** {snapshotId}\n");
        }
        return md.ToString();
    }

    private static void Validate(NoteFormat format, IReadOnlyDictionary<string, string> fields)
    {
        IReadOnlyList<Field> known = FieldsFor(format);
        string wire = NoteFormatNames.ToWireName(format);
        string allowed = string.Join(", ", known.Select(f => f.Required ? f.Key + " (required)" : f.Key));
        foreach (string key in fields.Keys)
        {
            if (!known.Any(f => f.Key == key))
            {
                throw new CheckpointException(ErrorKind.InvalidArgument, $"A {wire} entry has no field '{key}'. Allowed: {allowed}.");
            }
        }
        List<string> missing = [.. known.Where(f => f.Required && (!fields.TryGetValue(f.Key, out string? value) || string.IsNullOrWhiteSpace(value))).Select(f => f.Key)];
        if (missing.Count > 0)
        {
            throw new CheckpointException(ErrorKind.InvalidArgument, $"A {wire} entry needs {string.Join(", ", missing)}. Fields: {allowed}.");
        }
    }

    // One-line fields: line breaks would end the field early when the note is read back.
    private static string? One(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value)
            ? string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            : null;

    private static IEnumerable<string> Many(IReadOnlyDictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out string? value)
            ? value.Split('\n').Select(line => line.Trim().TrimStart('-', '*').Trim()).Where(line => line.Length > 0)
            : [];

    private static string Bullets(IReadOnlyDictionary<string, string> fields, string key)
    {
        StringBuilder text = new();
        foreach (string item in Many(fields, key)) text.Append("- ").Append(item).Append('\n');
        return text.Length == 0 ? "- None\n" : text.ToString();
    }
}
