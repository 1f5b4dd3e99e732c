using Checkpoint.Server.Lsp;
using Checkpoint.Server.Lsp.Documents;
using Range = Checkpoint.Server.Lsp.Range;

namespace Checkpoint.Server.Tests.Lsp;

[TestClass]
public sealed class TextDocumentStoreTests
{
    private const string Uri = "file:///work/memory/episodic/2025-01-04.md";

    private static TextDocumentStore StoreWith(string text)
    {
        var store = new TextDocumentStore();
        store.Open(new TextDocumentItem { Uri = Uri, LanguageId = "markdown", Version = 1, Text = text });
        return store;
    }

    private static Range Span(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new(new Position(startLine, startCharacter), new Position(endLine, endCharacter));

    [TestMethod]
    public void An_opened_document_can_be_read_with_its_version()
    {
        TextDocumentStore store = StoreWith("# 2025-01-04\n");

        Assert.IsTrue(store.TryGet(Uri, out string? text, out int version));
        Assert.AreEqual("# 2025-01-04\n", text);
        Assert.AreEqual(1, version);
    }

    [TestMethod]
    public void A_full_change_replaces_the_text_and_the_version()
    {
        TextDocumentStore store = StoreWith("old");

        store.Change(new VersionedTextDocumentIdentifier { Uri = Uri, Version = 2 }, [new TextDocumentContentChangeEvent { Text = "new" }]);

        Assert.IsTrue(store.TryGet(Uri, out string? text, out int version));
        Assert.AreEqual("new", text);
        Assert.AreEqual(2, version);
    }

    [TestMethod]
    public void Ranged_changes_apply_in_order_with_utf16_columns_and_any_line_ending()
    {
        TextDocumentStore store = StoreWith("a😀b\r\nsecond\rthird\nfourth");

        store.Change(new VersionedTextDocumentIdentifier { Uri = Uri, Version = 2 },
        [
            new TextDocumentContentChangeEvent { Range = Span(0, 1, 0, 3), Text = "-" },   // the emoji is two UTF-16 units
            new TextDocumentContentChangeEvent { Range = Span(2, 0, 2, 5), Text = "THIRD" },
            new TextDocumentContentChangeEvent { Range = Span(3, 6, 3, 6), Text = "!" },
            new TextDocumentContentChangeEvent { Range = Span(1, 99, 2, 0), Text = " " }, // a column past the line end clamps
        ]);

        store.TryGet(Uri, out string? text, out _);
        Assert.AreEqual("a-b\r\nsecond THIRD\nfourth!", text);
    }

    [TestMethod]
    public void A_change_to_a_document_that_is_not_open_is_ignored()
    {
        var store = new TextDocumentStore();

        TextDocument? changed = store.Change(new VersionedTextDocumentIdentifier { Uri = Uri, Version = 2 }, [new TextDocumentContentChangeEvent { Text = "x" }]);

        Assert.IsNull(changed);
        Assert.IsFalse(store.TryGet(Uri, out string? _, out _));
    }

    [TestMethod]
    public void Closing_forgets_the_document_and_tells_listeners()
    {
        TextDocumentStore store = StoreWith("text");
        string? closed = null;
        store.Closed += document => closed = document.Uri;

        Assert.IsTrue(store.Close(Uri));

        Assert.AreEqual(Uri, closed);
        Assert.IsFalse(store.TryGet(Uri, out string? _, out _));
        Assert.IsFalse(store.Close(Uri));
    }

    [TestMethod]
    public void Listeners_see_every_opened_and_changed_version()
    {
        var store = new TextDocumentStore();
        var versions = new List<int>();
        store.Changed += document => versions.Add(document.Version);

        store.Open(new TextDocumentItem { Uri = Uri, Version = 1, Text = "a" });
        store.Change(new VersionedTextDocumentIdentifier { Uri = Uri, Version = 2 }, [new TextDocumentContentChangeEvent { Text = "b" }]);

        CollectionAssert.AreEqual(new[] { 1, 2 }, versions);
    }
}
