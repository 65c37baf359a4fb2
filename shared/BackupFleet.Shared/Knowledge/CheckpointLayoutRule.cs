using System.Text.RegularExpressions;
using BackupFleet.Shared.Checks;

namespace BackupFleet.Shared.Knowledge;

/// <summary>
/// KNOWLEDGE.md §3: a VM's backup checkpoint that fails with "The system cannot find the file specified" (wbadmin: the VM
/// "was skipped during the snapshot", a non-retryable writer error) is first a question of the VM's disk layout. Windows names
/// the first disk on the VM's bus; the culprit is the disk the layout check names, so the decoding names the VM and that disk
/// from the finding. Without such a finding the generic causes follow, saying whether the layout was checked.
/// </summary>
internal static class CheckpointLayoutRule
{
    private const string FileNotFound = "0x80070002";

    // wbadmin's own report of the same failed checkpoint (KNOWLEDGE.md §3).
    private const string WriterNonRetryable = "0x800423F4";

    public static DecodedError? Decode(string code, ErrorContext context)
    {
        if (code is not (FileNotFound or WriterNonRetryable))
            return null;
        var vms = HyperVRunText.VmNames(context.Text);
        if (context.Operation != ErrorOperation.HyperVCheckpoint && vms.Count == 0)
            return null;

        var known = ErrorCatalogue.Find(code)!;
        var layout = context.Findings?.Where(f => f.Check == CheckIds.VmDiskOutsideVmFolder).ToList();
        var culprits = vms.Count == 0 ? layout : layout?.Where(f => vms.Any(vm => Concerns(f, vm))).ToList();
        var named = vms.Count == 0 ? "a VM" : string.Join(", ", vms.Select(vm => $"'{vm}'"));
        var reported = $"Windows reports {code} ({known.WindowsText}) for the backup checkpoint of {named}"
            + (HyperVRunText.DiskNamed(context.Text) is { } disk ? $" and names the disk {disk}." : ".");

        if (culprits is { Count: > 0 })
            return LayoutIsTheCause(code, known, context, culprits, vms, reported);
        if (layout is null)
            return ErrorDecoder.FromCatalogue(known with { Causes = [CheckpointCauses.Layout, .. CheckpointCauses.Generic] }, context,
                vms.Count == 1 ? vms[0] : null) with
            {
                Explanation = $"{reported} The VM's disk layout could not be checked here (no inventory of the host), so check it first: "
                    + "every disk that is not on the VM's configuration volume must sit in a folder named after the VM. The other causes follow, "
                    + "most likely first.",
            };
        return LayoutIsFine(code, known, context, vms, reported);
    }

    private static DecodedError LayoutIsTheCause(
        string code, KnownError known, ErrorContext context, IReadOnlyList<Finding> culprits, IReadOnlyList<string> vms, string reported)
    {
        var culpritVms = culprits.Select(f => vms.FirstOrDefault(vm => Concerns(f, vm)) ?? VmOf(f)).OfType<string>().Distinct().ToList();
        var who = culpritVms.Count == 0 ? "A VM" : string.Join(", ", culpritVms.Select(vm => $"'{vm}'"));
        var title = culprits is [{ } only] && IsPath(only.Subject)
            ? $"{who} cannot be backed up: its disk {only.Subject} is outside a folder named after the VM"
            : $"{who} cannot be backed up: a disk outside a folder named after the VM";
        var (generic, related) = Generic(context, culpritVms.Count == 1 ? culpritVms[0] : null);
        return new DecodedError(code, known.Symbol, title,
            $"{reported}{(HyperVRunText.DiskNamed(context.Text) is null ? "" : " That disk is not necessarily the one at fault: Windows names the first disk on the VM's bus.")} Hyper-V cannot create "
            + "the checkpoint's storage when a disk that is not on the VM's configuration volume sits outside a folder named after the VM, "
            + $"and this host's layout check found that: {string.Join(" ", culprits.Select(f => f.Message))} The VM is missing from the "
            + "backup even where the backup folder looks complete.",
            [.. culprits.Select(f => $"Found by check {f.Check}: {f.Message}"), .. generic],
            $"{string.Join("\n", culprits.Select(f => f.Fix))}\n{CheckpointCauses.MoveWithHyperV} Then run the backup again.",
            [.. culprits, .. related.Except(culprits)],
            Catalogued: true);
    }

    private static DecodedError LayoutIsFine(string code, KnownError known, ErrorContext context, IReadOnlyList<string> vms, string reported)
    {
        var vm = vms.Count == 1 ? vms[0] : null;
        var (causes, related) = Generic(context, vm);
        var whose = vms.Count == 0 ? "of this host's VMs" : $"of {string.Join(", ", vms.Select(v => $"'{v}'"))}";
        var fill = (string text) => Placeholders.Fill(text, context.TargetPath, context.ComputerName, vm);
        return new DecodedError(code, known.Symbol, $"The backup checkpoint of {(vms.Count == 0 ? "a VM" : string.Join(", ", vms))} failed: {known.WindowsText}",
            $"{reported} The disk layout {whose} was checked ({CheckIds.VmDiskOutsideVmFolder}): no disk is outside a folder named after its "
            + "VM, so the layout is not the cause. The usual causes follow, most likely first.",
            causes,
            FindingEvidence.FixFirst(related, $"Work through the causes in order. {fill(CheckpointCauses.ManualCheckpoint)}"),
            related,
            Catalogued: true);
    }

    private static (IReadOnlyList<string> Causes, IReadOnlyList<Finding> Related) Generic(ErrorContext context, string? vm) =>
        FindingEvidence.Weigh(CheckpointCauses.Generic, context.Findings, text => Placeholders.Fill(text, context.TargetPath, context.ComputerName, vm));

    /// <summary>
    /// Whether a layout finding is about the VM: its subject is the VM's name, or (a subject that is the disk's path) its message
    /// names the VM as a whole word.
    /// </summary>
    private static bool Concerns(Finding finding, string vm) =>
        string.Equals(finding.Subject, vm, StringComparison.OrdinalIgnoreCase)
        || Regex.IsMatch(finding.Message, $@"(?<![\w-]){Regex.Escape(vm)}(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string? VmOf(Finding finding) => IsPath(finding.Subject) ? null : finding.Subject;

    private static bool IsPath(string subject) => subject.Contains('\\', StringComparison.Ordinal);
}
