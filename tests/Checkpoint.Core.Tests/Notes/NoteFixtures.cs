using System.Text;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Model;
using Checkpoint.Core.Notes.Parsing;

namespace Checkpoint.Core.Tests.Notes;

/// <summary>Reads the fixture notes in Notes/Fixtures exactly as stored (BOM and CRLF kept).</summary>
internal static class NoteFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Notes", "Fixtures", name);

    // Encoding.GetString keeps a leading BOM as U+FEFF, as an editor buffer that kept it would.
    public static string Read(string name) => Encoding.UTF8.GetString(File.ReadAllBytes(PathOf(name)));

    public static NoteDocument Parse(string name) => NoteParser.Parse(Read(name), "file:///notes/" + name, 1);

    public static NoteTextDocument Document(string name, int version = 1) => new("file:///notes/" + name, version, Read(name));

    public static TextRange Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        TextRange.From(startLine, startCharacter, endLine, endCharacter);
}
