import { RemovalPolicy } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { type KeyAttribute, TABLE_DESIGN, type TableDesign } from '../../src/store/table-design';

const ATTRIBUTE_TYPES = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
} as const;
const attribute = (key: KeyAttribute): Attribute => ({ name: key.name, type: ATTRIBUTE_TYPES[key.type] });

/**
 * The single DynamoDB table holding documents, evidence, verdicts, flags and the ledger, declared
 * from the adapter's table design (the same constants create it on DynamoDB Local). Retained on
 * stack deletion, protected from deletion, and recoverable to any second of the last 35 days: it is
 * the audit trail.
 */
export class EvidenceTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, design: TableDesign = TABLE_DESIGN) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: attribute(design.partitionKey),
      sortKey: attribute(design.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: design.timeToLiveAttribute,
    });
    for (const index of design.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        projectionType: index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
      });
    }
  }
}
