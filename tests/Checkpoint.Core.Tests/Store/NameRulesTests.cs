using Checkpoint.Core.Store;

namespace Checkpoint.Core.Tests.Store;

/// <summary>The names Windows cannot hold, checked here on Linux (the check itself is platform-free).</summary>
[TestClass]
public sealed class NameRulesTests
{
    [TestMethod]
    [DataRow("nul")]
    [DataRow("NUL")]
    [DataRow("Nul.txt")]
    [DataRow("nul.tar.gz")]
    [DataRow("nul .txt")]
    [DataRow("con")]
    [DataRow("prn.md")]
    [DataRow("aux")]
    [DataRow("com1")]
    [DataRow("COM9.log")]
    [DataRow("lpt0")]
    [DataRow("lpt¹")]
    [DataRow("conin$")]
    [DataRow("CONOUT$.txt")]
    public void Device_names_are_refused_with_any_letter_case_and_extension(string name)
    {
        StringAssert.Contains(NameRules.WindowsProblem(name), "device name");
    }

    [TestMethod]
    [DataRow("null")]
    [DataRow("console.md")]
    [DataRow("com10")]
    [DataRow("com")]
    [DataRow("lpt1x")]
    [DataRow("my.nul")]
    [DataRow("nul_notes.md")]
    [DataRow(".nul")]
    [DataRow("README.md")]
    [DataRow("naïve café.md")]
    public void Names_that_only_look_like_devices_are_fine(string name)
    {
        Assert.IsNull(NameRules.WindowsProblem(name));
    }

    [TestMethod]
    [DataRow("notes.", "ends with a dot or a space")]
    [DataRow("notes ", "ends with a dot or a space")]
    [DataRow("a:b.md", "stream of another file")]
    [DataRow("why?.md", "'?'")]
    [DataRow("a*b", "'*'")]
    [DataRow("a|b", "'|'")]
    [DataRow("<x>", "'<'")]
    [DataRow("say \"hi\"", "'\"'")]
    [DataRow("tab\there", "control character")]
    public void Names_Windows_trims_or_forbids_are_refused_with_the_reason(string name, string reason)
    {
        StringAssert.Contains(NameRules.WindowsProblem(name), reason);
    }

    [TestMethod]
    public void The_problem_names_the_offending_folder_of_a_nested_path()
    {
        StringAssert.StartsWith(NameRules.Windows.Problem("docs/aux/notes.md"), "'aux' is a device name");
        StringAssert.StartsWith(NameRules.Windows.Problem("src./main.c"), "'src.' ends with a dot");
        Assert.IsNull(NameRules.Windows.Problem("docs/auxiliary/notes.md"));
    }

    [TestMethod]
    public void Posix_and_case_insensitive_rules_accept_every_name()
    {
        foreach (NameRules rules in new[] { NameRules.Posix, NameRules.CaseInsensitive })
        {
            Assert.IsNull(rules.Problem("nul"));
            Assert.IsNull(rules.Problem("a:b/c?."));
        }
        Assert.IsTrue(NameRules.Posix.AcceptsAll);
        Assert.IsFalse(NameRules.CaseInsensitive.AcceptsAll, "letter-case collisions are still checked");
    }
}
