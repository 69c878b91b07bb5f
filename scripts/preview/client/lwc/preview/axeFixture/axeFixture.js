import { LightningElement } from 'lwc';

export default class AxeFixture extends LightningElement {}
