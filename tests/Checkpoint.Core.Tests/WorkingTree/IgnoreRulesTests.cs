using System.Diagnostics;
using Checkpoint.Core.WorkingTree;

namespace Checkpoint.Core.Tests.WorkingTree;

/// <summary>The .gitignore matcher against git itself: the same rules and paths, `git check-ignore` as the judge.</summary>
[TestClass]
public sealed class IgnoreRulesTests
{
    private static readonly string[] Paths =
    [
        "bin", "bin/app.dll", "src/bin", "src/bin/x.dll", "binary.txt", "src/Bin/x.dll",
        "obj", "obj/Debug/x.cs", "node_modules", "node_modules/pkg/index.js", "web/node_modules/a.js",
        "notes.log", "logs/today.log", "logs", "logs/keep.log", "deep/a/b/c.log",
        "build", "build/out.o", "docs/build", "docs/build/index.html",
        "artifacts", "artifacts/screens/a.png", "tests/artifacts/x.txt",
        "a.vsix", "dist/a.vsix", "README.md", "readme.md", "docs/README.md",
        "foo", "foo/bar", "foo/bar/baz.txt", "a/foo", "a/foo/bar", "x/y/foo/bar/z",
        "cache", "cache/1", "cache/keep.me", "tmp", "tmp/a", "tmp/sub/b",
        "file1.txt", "file2.txt", "fileA.txt", "file10.txt", "f[1].txt",
        "space end ", "#hash", "!bang", "doc/one.txt", "doc/sub/two.txt", "doc/sub/deeper/three.txt",
        "a/b", "a/x/b", "a/x/y/b", "ab", "a/bc",
    ];

    private static readonly string[][] RuleSets =
    [
        ["bin/", "obj/", "node_modules/", "*.vsix", "/artifacts/", "TestResults/", "dist-test/"],
        ["*.log", "!keep.log", "logs/", "!logs/keep.log"],
        ["*.log", "!/logs/keep.log"],
        ["/build", "docs/build/"],
        ["foo/bar", "**/foo/bar", "a/**/b"],
        ["**/cache/*", "!**/cache/keep.me", "tmp/**", "!tmp/sub"],
        ["file[0-9].txt", "file?.txt", "f\\[1\\].txt"],
        ["file[!0-9].txt", "[Rr][Ee]adme.md"],
        ["doc/*.txt", "doc/**/three.txt"],
        ["space end\\ ", "\\#hash", "\\!bang", "# a comment", "", "   "],
        ["README.md", "!docs/README.md"],
        ["*", "!*.md", "!*/"],
        ["a*", "!ab"],
    ];

    [TestMethod]
    public void Every_rule_set_ignores_exactly_what_git_check_ignore_ignores()
    {
        string root = Path.Combine(Path.GetTempPath(), "ckpt-tests", "ignore-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            // Folders are the paths that have children; everything else is a file.
            HashSet<string> folders = [.. Paths.SelectMany(AncestorsOf)];
            foreach (string path in Paths)
            {
                string full = Path.Combine(root, path);
                if (folders.Contains(path))
                {
                    Directory.CreateDirectory(full);
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllText(full, path);
                }
            }
            Git(root, "init", "-q");
            List<string> differences = [];
            foreach (string[] rules in RuleSets)
            {
                File.WriteAllLines(Path.Combine(root, ".gitignore"), rules);
                HashSet<string> ignoredByGit = [.. Git(root, Paths, "check-ignore", "--no-index", "--stdin").Split('\n', StringSplitOptions.RemoveEmptyEntries)];
                IgnoreRules? parsed = IgnoreRules.Parse(rules);
                foreach (string path in Paths)
                {
                    bool ours = parsed is not null && parsed.IgnoresPathOrFolder(path, folders.Contains(path));
                    if (ours != ignoredByGit.Contains(path))
                    {
                        differences.Add($"[{string.Join(" | ", rules)}] {path}{(folders.Contains(path) ? "/" : "")}: we {(ours ? "ignore" : "keep")} it, git does not");
                    }
                }
            }
            Assert.IsEmpty(differences, string.Join("\n", differences));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public void Within_one_list_the_last_matching_rule_wins()
    {
        IgnoreRules rules = IgnoreRules.Parse(["*.md", "!README.md", "README.md"])!;

        Assert.IsTrue(rules.Matches("README.md", isDirectory: false));
        Assert.IsTrue(rules.Matches("guide.md", isDirectory: false));
        Assert.IsFalse(rules.Matches("app.js", isDirectory: false));
    }

    [TestMethod]
    public void Blank_lines_and_comments_make_no_rules()
    {
        Assert.IsNull(IgnoreRules.Parse(["", "# only a comment", "   ", "/"]));
    }

    private static IEnumerable<string> AncestorsOf(string path)
    {
        for (int slash = path.IndexOf('/'); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    private static string Git(string folder, params string[] arguments) => Git(folder, [], arguments);

    private static string Git(string folder, IEnumerable<string> input, params string[] arguments)
    {
        ProcessStartInfo start = new("git")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process git = Process.Start(start)!;
        foreach (string line in input)
        {
            git.StandardInput.WriteLine(line);
        }
        git.StandardInput.Close();
        string output = git.StandardOutput.ReadToEnd();
        string errors = git.StandardError.ReadToEnd();
        git.WaitForExit();
        // check-ignore exits 1 when nothing is ignored; anything above is a real failure.
        Assert.IsLessThanOrEqualTo(1, git.ExitCode, $"git {string.Join(' ', arguments)}: {errors}");
        return output;
    }
}
