using Checkpoint.Core.WorkingTree;
using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.WorkingTree;

[TestClass]
public sealed class WalkOrderTests
{
    [TestMethod]
    public void Entries_sort_as_their_keys_would_with_folders_as_name_slash()
    {
        Random random = new(5);
        string[] stems = ["a", "a.b", "a-c", "a0", "A", "é", "ab", "a/", "z", "a b"];
        List<DirectoryEntry> entries = [];
        HashSet<string> names = [];
        while (entries.Count < 300)
        {
            string name = stems[random.Next(stems.Length)].TrimEnd('/') + random.Next(40);
            if (names.Add(name))
            {
                entries.Add(new DirectoryEntry("folder/" + name, "folder/".Length, random.Next(3) == 0 ? EntryKind.Directory : EntryKind.File, FileStat.Missing));
            }
        }
        DirectoryEntry[] sorted = [.. entries];

        WalkOrder.Sort(sorted);

        string[] expected = [.. entries.Select(Key).Order(StringComparer.Ordinal)];
        CollectionAssert.AreEqual(expected, sorted.Select(Key).ToArray());

        static string Key(DirectoryEntry entry) => entry.Kind == EntryKind.Directory ? entry.Name.ToString() + "/" : entry.Name.ToString();
    }
}
