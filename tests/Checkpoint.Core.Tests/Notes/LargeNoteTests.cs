using System.Diagnostics;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Analysis;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class LargeNoteTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void One_megabyte_note_of_two_thousand_entries_gets_a_lens_set_per_entry()
    {
        var text = LargeNoteGenerator.Generate(2000);
        var document = new NoteTextDocument("file:///big.md", 1, text);
        var service = new NoteLanguageService();

        var parse = Stopwatch.StartNew();
        var parsed = service.GetDocument(document, TestContext.CancellationToken);
        parse.Stop();
        var lensTime = Stopwatch.StartNew();
        var lenses = service.GetCodeLenses(document, TestContext.CancellationToken);
        lensTime.Stop();

        // Times are printed, never asserted: a shared CI machine is no stopwatch. See bench/ for the benchmark.
        TestContext.WriteLine($"{text.Length / 1024} KiB, {parsed.Entries.Count} entries: first parse {parse.Elapsed.TotalMilliseconds:F1} ms, lenses after it {lensTime.Elapsed.TotalMilliseconds:F2} ms");
        Assert.IsGreaterThanOrEqualTo(1_000_000, text.Length);
        Assert.AreEqual(2000, parsed.Entries.Count);
        Assert.AreEqual(2000, lenses.Count(l => l.Kind == NoteCodeLensKind.ResumeBrief));
        Assert.AreEqual(400, lenses.Count(l => l.Kind == NoteCodeLensKind.RestoreSnapshot));
        Assert.AreEqual(400, lenses.Count(l => l.Kind == NoteCodeLensKind.Progress));
    }
}
