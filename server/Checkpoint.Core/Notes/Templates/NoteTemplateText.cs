namespace Checkpoint.Core.Notes.Templates;

/// <summary>
/// The seed's five templates, word for word. <c>{{time}}</c> is replaced by HH:MM, <c>{{context}}</c> by the
/// context percentage (or the seed's "XX"), and every other <c>{{…}}</c> is a placeholder whose text —
/// brackets and all — stays as the seed wrote it and becomes a tab stop in the snippet.
/// </summary>
internal static class NoteTemplateText
{
    public const string Full = """
        ## Checkpoint {{time}} — Context: {{context}}%

        ### Current Session
        **Started:** {{[time/date or "Session in progress"]}}
        **Task:** {{[what we're working on in one line]}}
        **Status:** {{in progress / blocked / completing}}

        ### Work State

        **Active Files:**
        - {{[file1.ext]}} — {{[what we're doing with it]}}
        - {{[file2.ext]}} — {{[status]}}

        **Key Decisions Made:**
        - {{[Decision 1]}}: {{[reasoning]}}
        - {{[Decision 2]}}: {{[reasoning]}}

        **Progress:**
        - [x] {{[Completed step]}}
        - [x] {{[Completed step]}}
        - [ ] {{[In progress]}} ← WE ARE HERE
        - [ ] {{[Next step]}}
        - [ ] {{[Future step]}}

        ### Context to Preserve

        **Human's Goals:**
        {{[What the human is ultimately trying to achieve — check GOALS.md or project docs if needed]}}

        **Important Constraints:**
        {{[Things we must not forget — security, preferences, limitations]}}

        **Preferences Expressed:**
        {{[How the human wants things done — style, approach, format]}}

        ### Resume Instructions
        1. {{[First thing to do if context is lost]}}
        2. {{[Second thing to do]}}
        3. {{[Continue from step X — "We were working on..."]}}

        ### Open Questions
        - {{[Unresolved item or question]}}
        - {{[Another question that came up]}}

        **Notes:** {{[Any other context worth preserving]}}
        """;

    public const string Emergency = """
        ## EMERGENCY CHECKPOINT {{time}} — Context: {{context}}%

        **TASK:** {{[One line - what we're doing]}}
        **STATUS:** {{[One line - where we are]}}
        **NEXT:** {{[One line - immediate next step]}}
        **BLOCKED:** {{[If applicable, or "None"]}}
        **FILES:** {{[Key files involved]}}
        """;

    public const string Survival = """
        ## SURVIVAL {{time}} — Context: {{context}}%

        **TASK:** {{[One line]}}
        **NEXT:** {{[One line]}}
        **BLOCKED:** {{[Yes/No]}}
        """;

    public const string PreOperation = """
        ## Pre-Operation {{time}}

        **About to:** {{[Operation in one line]}}
        **Current state:** {{[Where we are right now]}}
        **After success:** {{[What to do next]}}
        **If failure:** {{[Recovery steps in 2-3 lines]}}
        """;

    public const string QuickNote = """
        ### {{time}} Note

        {{[Brief context worth preserving — decision, preference, important detail]}}
        """;
}
