using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Checkpoint.Server.Tests.Cli;

/// <summary>
/// A real workspace in a fresh temp folder: a <c>.git</c> folder marks it as the root (so the CLI
/// finds it by walking up), files are written as a person would, and the store is at
/// <c>memory/checkpoints</c>. Deleted on dispose.
/// </summary>
internal sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "checkpoint-cli-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        Cli = new CliRunner(Root);
    }

    public string Root { get; }
    public string Store => Path.Combine(Root, "memory", "checkpoints");

    /// <summary>Runs the CLI from the root.</summary>
    public CliRunner Cli { get; }

    /// <summary>Runs the CLI from a folder inside the root.</summary>
    public CliRunner CliIn(string relativeFolder) => new(Directory.CreateDirectory(PathOf(relativeFolder)).FullName);

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public TestWorkspace Write(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public bool Exists(string relativePath) => File.Exists(PathOf(relativePath));

    public void Delete(string relativePath) => File.Delete(PathOf(relativePath));

    /// <summary>The seed's module layout: two modules, each with lecture notes and exercises.</summary>
    public TestWorkspace WithSeedModules()
    {
        foreach (var module in new[] { "mod-005-docker-containers", "mod-008-monitoring" })
        {
            Write($"modules/{module}/lecture-notes.md", $"# {module}\n\nContainers isolate processes. Images are layered.\n");
            Write($"modules/{module}/exercises/ex1.md", "# Exercise 1\n\nBuild an image.\n");
            Write($"modules/{module}/exercises/ex2.md", "# Exercise 2\n\nRun a container.\n");
            Write($"modules/{module}/exercises/data.json", "{\"answer\": 42}\n");
        }
        Write("working-modules/draft-a.md", "Draft A: working notes.\n");
        Write("working-modules/nested/draft-b.md", "Draft B: more working notes.\n");
        Write("README.md", "# Curriculum\n");
        return this;
    }

    /// <summary>A fingerprint of every file outside the store (path, bytes): equal fingerprints, untouched tree.</summary>
    public string WorkingTreeFingerprint()
    {
        var text = new StringBuilder();
        foreach (var path in Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
            if (relative == "memory/checkpoints" || relative.StartsWith("memory/checkpoints/", StringComparison.Ordinal))
                continue;
            text.Append(relative).Append(' ');
            text.AppendLine(File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "<dir>");
        }
        return text.ToString();
    }

    /// <summary>checkpoint.json of a checkpoint, as the seed's tools would read it.</summary>
    public JsonElement Manifest(string checkpointId)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Store, checkpointId, "checkpoint.json")));
        return document.RootElement.Clone();
    }

    /// <summary>The <c>path</c> of every file entry in a checkpoint's checkpoint.json, sorted.</summary>
    public string[] ManifestPaths(string checkpointId) =>
        Manifest(checkpointId).GetProperty("files").EnumerateArray().Select(file => file.GetProperty("path").GetString()!).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may still be closing handles; the OS temp cleaner takes the rest.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
