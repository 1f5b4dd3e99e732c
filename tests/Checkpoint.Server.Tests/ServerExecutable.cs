using System.Diagnostics;

namespace Checkpoint.Server.Tests;

/// <summary>
/// The <c>checkpoint</c> the CLI and language-server tests spawn. <c>CHECKPOINT_TEST_SERVER</c> names
/// it when set: the Native AOT executable (what <c>npm test</c> sets on linux-x64, the artifact users
/// get) or a <c>checkpoint.dll</c>, run through the <c>dotnet</c> that runs the tests. Unset, it is the
/// framework-dependent build the project reference puts beside the tests (plain <c>dotnet test</c>).
/// </summary>
internal static class ServerExecutable
{
    public const string Variable = "CHECKPOINT_TEST_SERVER";

    /// <summary>The native executable or the checkpoint.dll.</summary>
    public static string FilePath { get; } = Locate();

    /// <summary>True when <see cref="FilePath"/> runs through <c>dotnet</c>.</summary>
    public static bool IsDll => FilePath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>dotnet</c> host that runs this test process (so the same runtime runs the dll).</summary>
    private static string DotnetHost { get; } =
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";

    /// <summary>The program and arguments that run <c>checkpoint <paramref name="arguments"/></c> (for clients that spawn it themselves, e.g. the MCP SDK's stdio transport).</summary>
    public static (string Program, List<string> Arguments) CommandLine(IEnumerable<string> arguments) =>
        IsDll ? (DotnetHost, [FilePath, .. arguments]) : (FilePath, [.. arguments]);

    /// <summary>A start for <c>checkpoint <paramref name="arguments"/></c>, every stream redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var (program, all) = CommandLine(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in all)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : throw new FileNotFoundException($"{Variable} points to a missing file: {configured}");
        }

        string besideTests = Path.Combine(AppContext.BaseDirectory, "checkpoint.dll");
        if (File.Exists(besideTests) && File.Exists(Path.ChangeExtension(besideTests, ".runtimeconfig.json")))
        {
            return besideTests;
        }

        throw new FileNotFoundException($"No checkpoint.dll beside {AppContext.BaseDirectory} (build the solution) and {Variable} is not set.");
    }
}
