import { describe, expect, it } from 'vitest';
import { regionOfArn } from '../../../src/cli/run';
import { ValidationError } from '../../../src/core/validation';

describe('regionOfArn', () => {
  it('takes the region from a state machine ARN, so `run --target aws` needs no --region', () => {
    expect(regionOfArn('arn:aws:states:ap-southeast-1:123456789012:stateMachine:gongkai-sweep')).toBe(
      'ap-southeast-1',
    );
    expect(regionOfArn('arn:aws-cn:states:cn-northwest-1:123456789012:stateMachine:Sweep_1')).toBe(
      'cn-northwest-1',
    );
  });

  it('refuses what is not a state machine ARN with a one-line message saying where the ARN is found', () => {
    for (const arn of [
      'gongkai-sweep',
      'arn:aws:lambda:ap-southeast-1:123456789012:function:x',
      'arn:aws:states::123456789012:stateMachine:x',
    ]) {
      expect(() => regionOfArn(arn)).toThrow(ValidationError);
      expect(() => regionOfArn(arn)).toThrow(/stack outputs/);
    }
  });
});
