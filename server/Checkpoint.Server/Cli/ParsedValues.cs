using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Checkpoint.Server.Cli;

/// <summary>What verbs' validators and number options share, so that no malformed argument can end in an unhandled exception.</summary>
internal static class ParsedValues
{
    /// <summary>
    /// The value of <paramref name="option"/> for a command validator, or default when it is absent or did not parse.
    /// A validator runs even when an option's argument failed to convert (<c>--timestamp</c> without a value), and
    /// <see cref="CommandResult.GetValue{T}(Option{T})"/> then throws; the parser reports that error itself (exit 2).
    /// </summary>
    public static T? ValueOrDefault<T>(this CommandResult result, Option<T> option)
    {
        try
        {
            return result.GetValue(option);
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    /// <summary>An optional whole-number option from <paramref name="minimum"/> to <paramref name="maximum"/>; anything else is an argument error that says what is allowed.</summary>
    public static Option<int?> WholeNumber(string name, int minimum, int maximum, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= minimum && value <= maximum)
            {
                return value;
            }
            result.AddError($"{name} must be a whole number from {minimum} to {maximum}, not '{text}'.");
            return null;
        },
    };
}
