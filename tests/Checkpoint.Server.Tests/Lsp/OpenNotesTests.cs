using Checkpoint.Server.Lsp;
using Checkpoint.Server.Lsp.Documents;
using Checkpoint.Server.Lsp.Notes;
using Checkpoint.Server.Tests.Cli;

namespace Checkpoint.Server.Tests.Lsp;

/// <summary>How long the notes service keeps a note's parse: while the note is open, not after (issue 14, item 7).</summary>
[TestClass]
public sealed class OpenNotesTests
{
    private const string Note = "memory/episodic/2026-02-14.md";

    [TestMethod]
    public void Closing_a_note_forgets_its_parse()
    {
        using var fixture = new Fixture();
        fixture.Documents.Open(new TextDocumentItem { Uri = fixture.Uri, LanguageId = "markdown", Version = 1, Text = fixture.Workspace.Read(Note) });
        fixture.Service.GetDocument(fixture.Notes.TryGetOpen(fixture.Uri)!);
        Assert.AreEqual(1, fixture.Service.CachedDocumentCount);

        fixture.Documents.Close(fixture.Uri);

        Assert.AreEqual(0, fixture.Service.CachedDocumentCount);
    }

    [TestMethod]
    public void A_lens_command_on_a_note_that_is_not_open_keeps_no_parse()
    {
        using var fixture = new Fixture();
        var command = new ResumeBriefCommand(fixture.Notes, fixture.LazyWorkspace);

        var brief = command.Execute(new LensCommandArguments(fixture.Uri, LineOf(fixture.Workspace.Read(Note), "## Checkpoint 11:15")), CancellationToken.None);

        StringAssert.StartsWith(brief.Brief, "Resuming from checkpoint at 11:15.");
        Assert.AreEqual(0, fixture.Service.CachedDocumentCount, "the note was read from disk for one command");
    }

    [TestMethod]
    public void Work_that_parsed_a_note_after_its_close_forgets_the_parse_when_done()
    {
        using var fixture = new Fixture();
        fixture.Documents.Open(new TextDocumentItem { Uri = fixture.Uri, LanguageId = "markdown", Version = 1, Text = fixture.Workspace.Read(Note) });
        var taken = fixture.Notes.TryGetOpen(fixture.Uri)!;
        fixture.Documents.Close(fixture.Uri);

        // A diagnostics run or a command took the text before the close and parses it after.
        fixture.Service.GetDocument(taken);
        Assert.AreEqual(1, fixture.Service.CachedDocumentCount);
        fixture.Notes.ForgetUnlessOpen(fixture.Uri);

        Assert.AreEqual(0, fixture.Service.CachedDocumentCount);
    }

    [TestMethod]
    public void Work_on_an_open_note_keeps_its_parse_for_the_next_request()
    {
        using var fixture = new Fixture();
        fixture.Documents.Open(new TextDocumentItem { Uri = fixture.Uri, LanguageId = "markdown", Version = 1, Text = fixture.Workspace.Read(Note) });
        fixture.Service.GetDocument(fixture.Notes.TryGetOpen(fixture.Uri)!);

        fixture.Notes.ForgetUnlessOpen(fixture.Uri);

        Assert.AreEqual(1, fixture.Service.CachedDocumentCount);
    }

    private static int LineOf(string text, string start) =>
        Array.FindIndex(text.Split('\n'), line => line.StartsWith(start, StringComparison.Ordinal));

    private sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Workspace.Write(Note, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lsp", "Fixtures", "2026-02-14.md")));
            LazyWorkspace = new Lazy<CheckpointWorkspace>(() => new CheckpointWorkspace(Workspace.Root));
            Notes = new OpenNotes(Documents, LazyWorkspace);
            Uri = new Uri(Workspace.PathOf(Note)).AbsoluteUri;
        }

        public TestWorkspace Workspace { get; } = new();

        public TextDocumentStore Documents { get; } = new();

        public Lazy<CheckpointWorkspace> LazyWorkspace { get; }

        public OpenNotes Notes { get; }

        public string Uri { get; }

        public Core.Notes.NoteLanguageService Service => LazyWorkspace.Value.Notes;

        public void Dispose() => Workspace.Dispose();
    }
}
