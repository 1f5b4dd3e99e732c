namespace Checkpoint.Core.Notes.Analysis;

/// <summary>How serious a finding is (the LSP's four levels, same order and values).</summary>
public enum NoteDiagnosticSeverity
{
    /// <summary>Something is wrong.</summary>
    Error = 1,
    /// <summary>Something will hurt recovery (a missing field, a placeholder, a missing file).</summary>
    Warning = 2,
    /// <summary>Worth knowing.</summary>
    Information = 3,
    /// <summary>A suggestion (a format that does not match the context band).</summary>
    Hint = 4,
}

/// <summary>The stable codes of note diagnostics (for quick fixes and filtering).</summary>
public static class NoteDiagnosticCodes
{
    /// <summary>A field the format requires is absent or empty.</summary>
    public const string MissingField = "missing-field";
    /// <summary>A value is still the template's placeholder.</summary>
    public const string Placeholder = "placeholder";
    /// <summary>The format does not match the context % band of the seed.</summary>
    public const string FormatThreshold = "format-threshold";
    /// <summary>A path under Active Files / FILES does not exist in the workspace.</summary>
    public const string MissingFile = "missing-file";
    /// <summary>The heading's time or context % is out of range.</summary>
    public const string InvalidHeading = "invalid-heading";
    /// <summary>Resume Instructions are not a numbered list.</summary>
    public const string UnnumberedInstructions = "unnumbered-instructions";
    /// <summary>The note is above the full-feature limit: this is its only diagnostic.</summary>
    public const string NoteTooLarge = "note-too-large";
}

/// <summary>A finding in a note, shaped like LSP's Diagnostic.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Range">Exactly what it is about.</param>
/// <param name="Message">What is wrong and what is expected.</param>
/// <param name="Code">One of <see cref="NoteDiagnosticCodes"/>.</param>
public sealed record NoteDiagnostic(NoteDiagnosticSeverity Severity, TextRange Range, string Message, string Code);
