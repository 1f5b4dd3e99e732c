namespace Checkpoint.Server.Cli;

/// <summary>
/// The y/N question before a destructive step. Only asked when a person can answer (stdin is a
/// terminal); scripts and agents (stdin redirected) proceed, as the seed's tools did.
/// </summary>
internal static class Confirmation
{
    public static bool CanAsk => !Console.IsInputRedirected;

    /// <summary>Asks <paramref name="question"/> on <paramref name="prompt"/>; only "y" or "yes" agrees.</summary>
    public static bool Ask(TextWriter prompt, string question)
    {
        prompt.Write($"{question} [y/N] ");
        prompt.Flush();
        var answer = Console.ReadLine()?.Trim().ToLowerInvariant();
        return answer is "y" or "yes";
    }
}
