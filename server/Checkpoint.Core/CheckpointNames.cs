namespace Checkpoint.Core;

public static class CheckpointNames { }
