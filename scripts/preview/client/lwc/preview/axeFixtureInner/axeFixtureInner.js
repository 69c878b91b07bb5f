import { LightningElement } from 'lwc';

export default class AxeFixtureInner extends LightningElement {}
