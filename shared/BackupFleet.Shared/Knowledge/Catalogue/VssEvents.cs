namespace BackupFleet.Shared.Knowledge.Catalogue;

/// <summary>
/// The Volume Shadow Copy service's errors in the Application log (source "VSS") that come with failed backups. Texts are
/// their well-known en-US messages, "{…}" where Windows puts a value; the causes are those of public field reports.
/// </summary>
internal static class VssEvents
{
    private static string Id(int id) => $"{EventSources.Vss}/{id}";

    public static readonly IReadOnlyList<KnownError> All =
    [
        new(Id(8193), "Error", "Volume Shadow Copy Service error: Unexpected error calling routine {routine}. hr = {code}, {text}.",
            "A call inside the shadow copy service failed; the routine and the code it names say which.",
            [
                new("The code it names (hr = …) is the real error: decode it."),
            ],
            "Decode the hr code the event names (agent explain <code>)."),

        new(Id(8194), "Error", "Volume Shadow Copy Service error: Unexpected error querying for the IVssWriterCallback interface. hr = 0x80070005, Access is denied. "
            + "This is often caused by incorrect security settings in either the writer or requestor process.",
            "A writer could not call back into the program that asked for the shadow copy, for lack of COM permission.",
            [
                // Field reports: often logged on healthy hosts too; it matters when the backup fails at the same time.
                new("The account of a writer's service lacks COM access permission to the backup program."),
            ],
            "If a backup failed at the same time: vssadmin list writers, and read the failed writer's events; otherwise it is noise."),

        new(Id(8229), "Warning", "A VSS writer has rejected an event with error {code}, {text}…",
            "A writer refused its part of the shadow copy; the code says why and the event names the writer.",
            [
                new("The writer's own error: with 0x800423F4 the failure will repeat until its cause is fixed."),
            ],
            "Decode the code the event names; vssadmin list writers shows the writer's state."),

        new(Id(12289), "Error", "Volume Shadow Copy Service error: Unexpected error DeviceIoControl({device}…). hr = {code}, {text}.",
            "The shadow copy service could not talk to a volume's device.",
            [
                new("A volume that cannot be shadow-copied (removable, disconnected, or a device that went away) was in the set."),
            ],
            "Compare the backup's volumes with Get-Volume and leave out volumes that are not fixed disks."),

        new(Id(12293), "Error", "Volume Shadow Copy Service error: Error calling a routine on a Shadow Copy Provider {provider}. Routine details {details}.",
            "A shadow copy provider failed.",
            [
                new("A third-party provider (a SAN's hardware provider, another backup product) fails."),
            ],
            "vssadmin list providers names the provider; update or remove the third-party one."),
    ];
}
